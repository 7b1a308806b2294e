"""Build the summary of one night (what ``--json`` writes and CI reads).

:func:`build_summary` computes a :class:`~codecanary.night_summary.NightSummary`
from a :class:`~codecanary.night_data.NightData` read once from the store; it
never goes back to the store. Every field is documented in docs/nightly.md ("Scheduled
runs"). In short: pass rates overall, per area, language and area x language
with lineage-clustered 95% intervals; the baseline window; per area and cell
the paired difference against the baseline, its CUSUM and q-value
(:mod:`codecanary.stats.monitor`), plus exact McNemar on the flips against the
previous night; the alarms; the attempts that flipped with both answers; the
lineage of generated tasks; tokens, cost and latency; and a version-change
before/after when the assistant's version changed. ``degraded`` is true when
some group is a significant drop, unless too many infra errors make the night
untrustworthy (then it claims nothing).

Like with like: the rates, comparisons, CUSUM, alarms, flips, version change
and the infra share behind ``trustworthy`` use only the planned anchor attempts
(:mod:`codecanary.anchor`), tonight and on the baseline nights, so exploration
can neither raise nor mask an alarm. What exploration ran is reported apart
(``exploration_attempts``); attempts, infra errors, tokens, cost, latency,
failure classes and lineage count every attempt of the night.

Plug-ins add sections through the registry: every function registered as
``@register("summary", name)`` is called as ``fn(store, campaign_id, rows)``
and its JSON-friendly result stored under ``name`` (the reviewers add
``"reviews"``, with ``{"by_attempt": {attempt_id: [finding, ...]}, ...}`` shown
next to each flipped attempt in the report). That contract is the plug-ins'
own, so :func:`plugin_sections` still hands them the store.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from codecanary.anchor import exploration_tally
from codecanary.history import counts, task_infos, version_change
from codecanary.night_data import NightData, Row, read_night
from codecanary.night_summary import (
    Baseline,
    Comparison,
    Flip,
    LineageTask,
    NightSummary,
    RateCell,
    Sequential,
)
from codecanary.registry import members
from codecanary.stats import Comparison as McNemar
from codecanary.stats import TaskInfo, evaluate, paired_compare, rates
from codecanary.store import Store

MAX_INFRA_SHARE = 0.2
log = logging.getLogger(__name__)


def summarize(store: Store, campaign_id: int) -> dict[str, Any]:
    """The JSON summary of ``campaign_id``: read once, computed, plug-in sections added."""
    return summarize_night(store, campaign_id).to_json()


def summarize_night(store: Store, campaign_id: int) -> NightSummary:
    """The typed summary of ``campaign_id``, with the plug-ins' sections."""
    data = read_night(store, campaign_id)
    return build_summary(data, plugin_sections(store, campaign_id, data.rows))


def plugin_sections(store: Store, campaign_id: int, rows: list[Row]) -> dict[str, Any]:
    """Each registered ``summary`` plug-in's section; a broken one records its error."""
    out: dict[str, Any] = {}
    for name, hook in members("summary").items():
        try:
            out[name] = hook(store, campaign_id, rows)
        except Exception as exc:  # a broken plug-in must not cost the night its verdict
            log.warning("summary section %s failed: %s", name, exc)
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


def _cells(rows: list[Row], key: Callable[[Mapping[str, Any]], str],
           root_of: Mapping[str, str], area: bool, language: bool) -> tuple[RateCell, ...]:
    out = []
    for k, r in rates(rows, key, root_of).items():
        a, _, lang = k.partition("@")
        out.append(RateCell(area=(a if area else None),
                            language=(lang if area else k) if language else None, rate=r))
    return tuple(out)


def _comparisons(data: NightData, info: Mapping[str, TaskInfo]
                 ) -> tuple[tuple[Comparison, ...], dict[str, float]]:
    """Tonight's groups against the baseline, with McNemar against the previous night."""
    rows, window, cfg = data.anchor, data.window, data.config
    ev = evaluate(counts(rows), [counts(data.window_rows[c.id]) for c in window], info,
                  dict(data.previous_state), cfg)
    mcnemar: dict[str, McNemar] = {}
    if window:
        prev_rows = data.window_rows[window[-1].id]
        for c in paired_compare(prev_rows, rows, lambda r: str(r["area"])) + paired_compare(
                prev_rows, rows, lambda r: f"{r['area']}@{r['language']}"):
            mcnemar[c.group] = c
    out = []
    for g in ev.groups:
        m = mcnemar.get(g.group)
        d = g.diff
        out.append(Comparison(
            group=g.group, area=g.area, language=g.language, tasks=d.tasks,
            clusters=d.clusters, pairs=d.n, before=d.before, after=d.after, delta=d.delta,
            low=d.low, high=d.high, z=d.z, p_value=d.p_value, q_value=g.q_value,
            cusum=g.cusum, p_sequential=g.p_sequential, q_sequential=g.q_sequential,
            p_adjusted=g.q_sequential, significant_drop=g.significant_drop,
            pass_to_fail=m.pass_to_fail if m else 0, fail_to_pass=m.fail_to_pass if m else 0,
            p_mcnemar=m.p_value if m else None,
            flipped_tasks=tuple(m.flipped_tasks) if m else ()))
    return tuple(out), ev.state


def build_summary(data: NightData, sections: Mapping[str, Any] | None = None) -> NightSummary:
    """Compute the night's summary from what :func:`read_night` read (no store access)."""
    rows, root_of, window, cam = data.rows, data.roots, data.window, data.night
    anchor, cfg = data.anchor, data.config
    info = task_infos([r for rs in [anchor, *data.window_rows.values()] for r in rs], root_of)
    comparisons, state = _comparisons(data, info)
    infra = sum(1 for r in rows if r["infra_error"])
    anchor_infra = sum(1 for r in anchor if r["infra_error"])
    infra_share = anchor_infra / len(anchor) if anchor else 0.0
    classes = Counter(r["failure_class"] for r in rows if r["failure_class"])
    overall = rates(anchor, lambda r: "all", root_of).get("all")
    latency = [r["latency_s"] for r in rows if not r["infra_error"]]
    return NightSummary(
        campaign=cam.id, mode=cam.mode, night=cam.night, assistant=cam.assistant,
        version=cam.version, attempts=len(rows), infra_errors=infra,
        trustworthy=infra_share <= MAX_INFRA_SHARE, overall=overall,
        areas=_cells(anchor, lambda r: str(r["area"]), root_of, area=True, language=False),
        languages=_cells(anchor, lambda r: str(r["language"]), root_of, area=False,
                         language=True),
        cells=_cells(anchor, lambda r: f"{r['area']}@{r['language']}", root_of, area=True,
                     language=True),
        baseline=Baseline(campaigns=tuple(c.id for c in window),
                          nights=tuple(c.night for c in window),
                          versions=tuple(sorted({c.version for c in window})),
                          window=cfg.window) if window else None,
        sequential=Sequential(k=cfg.k, q=cfg.q, window=cfg.window, state=state),
        comparisons=comparisons, failure_classes=dict(classes.most_common()),
        tokens=sum(r["tokens"] for r in rows), cost_usd=sum(r["cost_usd"] for r in rows),
        latency_total=sum(latency),
        latency_mean=sum(latency) / len(latency) if latency else 0.0,
        flips=_flips(data.window_rows[window[-1].id], anchor) if window else (),
        lineage=_lineage(rows, root_of),
        version_change=version_change([*window, cam], {**data.window_rows, cam.id: anchor},
                                      info, cfg.window),
        sections=dict(sections or {}), explored=exploration_tally(data.explored))


def _flips(prev_rows: Sequence[Row], rows: Sequence[Row]) -> tuple[Flip, ...]:
    """Attempts that passed on the previous night and fail now, with both answers."""
    prev = {(r["task_id"], r["sample"]): r for r in prev_rows}
    out = []
    for r in rows:
        old = prev.get((r["task_id"], r["sample"]))
        if old and old["passed"] and not r["passed"] and not r["infra_error"]:
            out.append(Flip(task=r["name"], task_id=r["task_id"], sample=r["sample"],
                            area=r["area"], language=r["language"],
                            failure_class=r["failure_class"], attempt_id=r["attempt_id"],
                            before_attempt_id=old["attempt_id"], before=old["files"],
                            after=r["files"]))
    return tuple(out)


def _lineage(rows: Sequence[Row], root_of: Mapping[str, str]) -> tuple[LineageTask, ...]:
    """Tonight's generated (non-seed) tasks with their parent, seed and results."""
    first: dict[str, Row] = {}
    tally: dict[str, list[int]] = {}
    for r in rows:
        if r.get("origin", "seed") == "seed" and not r.get("parent"):
            continue
        first.setdefault(r["task_id"], r)
        t = tally.setdefault(r["task_id"], [0, 0])
        if not r["infra_error"]:
            t[0] += bool(r["passed"])
            t[1] += 1
    return tuple(
        LineageTask(task_id=r["task_id"], name=r["name"], parent=r["parent"],
                    root=root_of.get(r["task_id"], r["task_id"]), origin=r.get("origin"),
                    area=r["area"], language=r["language"], passed=tally[tid][0],
                    n=tally[tid][1])
        for tid, r in first.items())
