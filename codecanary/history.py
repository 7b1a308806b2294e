"""Nights of one assistant over time: baseline windows, lineage, version changes.

History is keyed by the assistant's id (``sim``, ``anthropic:claude-...``) and
each night keeps the exact version it ran (model name, CLI version, profile).
The baseline of a night is the window of the ``window`` latest finished nights
of the same assistant and mode strictly before it, whatever their version: a
new version that is worse is exactly what must be caught. Pairing happens per
task, so when the suite changes only the tasks both sides ran are compared.
A change of version is found from the nights' versions and compared as a
before/after (the last ``window`` nights of the old version against the nights
of the new one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from codecanary.stats import (
    Counts,
    MonitorConfig,
    TaskInfo,
    benjamini_hochberg,
    group_tasks,
    lineage_roots,
    paired_difference,
    sum_counts,
)
from codecanary.store import CampaignRow, Store


def finished_nights(store: Store, assistant: str, mode: str = "nightly",
                    before: str | None = None) -> list[CampaignRow]:
    """Finished campaigns of ``assistant``, oldest first, the latest run of each night only."""
    by_night: dict[str, CampaignRow] = {}
    for c in store.campaigns(assistant):
        if c.status == "done" and c.mode == mode and (before is None or c.night < before):
            by_night[c.night] = c  # campaigns() is ordered by (night, id): the last one wins
    return [by_night[n] for n in sorted(by_night)]


def counts(rows: Iterable[Mapping[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per task (passed, attempts) of a night's result rows, infra errors excluded."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r.get("infra_error"):
            continue
        c = out[str(r["task_id"])]
        c[0] += bool(r["passed"])
        c[1] += 1
    return {t: (v[0], v[1]) for t, v in out.items()}


def roots(store: Store) -> dict[str, str]:
    """Task id -> id of its seed task, for every task the database knows."""
    return lineage_roots(store.task_parents())


def task_infos(rows: Iterable[Mapping[str, Any]], root_of: Mapping[str, str]
               ) -> dict[str, TaskInfo]:
    """Task id -> (area, language, lineage root) for the tasks in result rows."""
    return {str(r["task_id"]): TaskInfo(str(r["area"]), str(r["language"]),
                                        root_of.get(str(r["task_id"]), str(r["task_id"])))
            for r in rows}


def version_change(nights: Sequence[CampaignRow], results: Mapping[int, list[dict[str, Any]]],
                   info: Mapping[str, TaskInfo], window: int) -> dict[str, Any] | None:
    """Before/after comparison of the latest version change among ``nights`` (oldest first).

    ``results`` maps campaign id -> result rows for (at least) the nights used.
    Returns None when every night ran the same version.
    """
    if len({n.assistant_version for n in nights}) < 2:
        return None
    new = nights[-1].assistant_version
    i = len(nights) - 1
    while i > 0 and nights[i - 1].assistant_version == new:
        i -= 1
    if i == 0:
        return None
    after = nights[i:][:window]
    old = nights[i - 1].assistant_version
    j = i
    while j > 0 and nights[j - 1].assistant_version == old and i - j < window:
        j -= 1
    before = nights[j:i]
    a = sum_counts([counts(results[c.id]) for c in after if c.id in results])
    b = sum_counts([counts(results[c.id]) for c in before if c.id in results])
    return {
        "from": old, "to": new, "first_night": nights[i].night,
        "before_nights": [c.night for c in before], "after_nights": [c.night for c in after],
        "groups": compare_counts(a, b, info),
    }


def compare_counts(after: Counts, before: Counts, info: Mapping[str, TaskInfo]
                   ) -> list[dict[str, Any]]:
    """Paired difference per area and area@language cell, BH q-values across them."""
    common = [t for t in after if t in before and t in info]
    rootmap = {t: i.root for t, i in info.items()}
    diffs = {}
    for g, members in group_tasks(info, common).items():
        d = paired_difference({t: after[t] for t in members}, {t: before[t] for t in members},
                              rootmap)
        if d is not None:
            diffs[g] = d
    q = benjamini_hochberg({g: d.p_value for g, d in diffs.items()})
    return [{"group": g, "tasks": d.tasks, "n": d.n, "before": d.before, "after": d.after,
             "delta": d.delta, "low": d.low, "high": d.high, "p_value": d.p_value,
             "q_value": q[g], "significant_drop": q[g] <= MonitorConfig.q and d.delta < 0}
            for g, d in diffs.items()]


def summaries(store: Store, assistant: str, upto: str | None = None,
              mode: str = "nightly") -> list[dict[str, Any]]:
    """The stored summaries of the assistant's finished nights (oldest first), for charts."""
    return [c.summary for c in finished_nights(store, assistant, mode)
            if c.summary and (upto is None or c.night <= upto)]
