"""The machine-readable summary of one night (what ``--json`` writes and CI reads).

Built by :func:`summarize` from the database; every field is documented in the
README ("JSON summary"). In short: pass rates overall, per area, language and
area x language with lineage-clustered 95% intervals; the baseline window; per
area and cell the paired difference against the baseline, its CUSUM and q-value
(:mod:`codecanary.stats.monitor`), plus exact McNemar on the flips against the
previous night; the alarms; the attempts that flipped with both answers; the
lineage of generated tasks; tokens, cost and latency; and a version-change
before/after when the assistant's version changed. ``degraded`` is true when
some group is a significant drop, unless too many infra errors make the night
untrustworthy (then it claims nothing).

Plug-ins add sections through the registry: every function registered as
``@register("summary", name)`` is called as ``fn(store, campaign_id, rows)``
and its JSON-friendly result stored under ``name`` (the reviewers add
``"reviews"``, with ``{"by_attempt": {attempt_id: [finding, ...]}, ...}`` shown
next to each flipped attempt in the report).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from typing import Any

from codecanary.history import counts, finished_nights, roots, task_infos, version_change
from codecanary.registry import members
from codecanary.stats import MonitorConfig, Rate, evaluate, paired_compare, rates
from codecanary.store import Store

MAX_INFRA_SHARE = 0.2
log = logging.getLogger(__name__)


def monitor_config(config: dict[str, Any]) -> MonitorConfig:
    """The monitor settings recorded in a campaign's config (defaults otherwise)."""
    m = config.get("monitor", {}) if isinstance(config, dict) else {}
    d = MonitorConfig()
    return MonitorConfig(window=int(m.get("window", d.window)), k=float(m.get("k", d.k)),
                         q=float(m.get("q", d.q)))


def _rate(r: Rate) -> dict[str, Any]:
    return dataclasses.asdict(r) | {"rate": r.rate}


def summarize(store: Store, campaign_id: int) -> dict[str, Any]:
    """Build the summary of ``campaign_id`` (see the module docstring)."""
    camp = store.campaign(campaign_id)
    cfg = monitor_config(camp.config)
    rows = store.results(campaign_id)
    root_of = roots(store)
    infra = sum(1 for r in rows if r["infra_error"])
    window = finished_nights(store, camp.assistant, camp.mode, before=camp.night)[-cfg.window:]
    results = {c.id: store.results(c.id) for c in window}
    info = task_infos([r for rs in [rows, *results.values()] for r in rs], root_of)
    previous = window[-1] if window else None
    prev_state = (previous.summary or {}).get("sequential", {}).get("state", {}) if previous else {}
    ev = evaluate(counts(rows), [counts(results[c.id]) for c in window], info, prev_state, cfg)
    mcnemar = {}
    if previous is not None:
        prev_rows = results[previous.id]
        for c in paired_compare(prev_rows, rows, lambda r: str(r["area"])) + paired_compare(
                prev_rows, rows, lambda r: f"{r['area']}@{r['language']}"):
            mcnemar[c.group] = c
    comparisons = []
    for g in ev.groups:
        m = mcnemar.get(g.group)
        comparisons.append({
            "group": g.group, "area": g.area, "language": g.language, "tasks": g.diff.tasks,
            "clusters": g.diff.clusters, "pairs": g.diff.n, "before": g.diff.before,
            "after": g.diff.after, "delta": g.diff.delta, "low": g.diff.low, "high": g.diff.high,
            "z": g.diff.z, "p_value": g.diff.p_value, "q_value": g.q_value, "cusum": g.cusum,
            "p_sequential": g.p_sequential, "q_sequential": g.q_sequential,
            "p_adjusted": g.q_sequential, "significant_drop": g.significant_drop,
            "pass_to_fail": m.pass_to_fail if m else 0, "fail_to_pass": m.fail_to_pass if m else 0,
            "p_mcnemar": m.p_value if m else None,
            "flipped_tasks": list(m.flipped_tasks) if m else [],
        })
    infra_share = infra / len(rows) if rows else 0.0
    trustworthy = infra_share <= MAX_INFRA_SHARE
    alarms = [c for c in comparisons if c["significant_drop"]] if trustworthy else []
    classes = Counter(r["failure_class"] for r in rows if r["failure_class"])
    overall = rates(rows, lambda r: "all", root_of).get("all")
    tokens = sum(r["tokens"] for r in rows)
    latency = [r["latency_s"] for r in rows if not r["infra_error"]]
    summary: dict[str, Any] = {
        "campaign": campaign_id, "mode": camp.mode, "night": camp.night,
        "assistant": camp.assistant, "version": camp.assistant_version,
        "attempts": len(rows), "infra_errors": infra, "trustworthy": trustworthy,
        "overall": _rate(overall) if overall else None,
        "areas": [{"area": k} | _rate(v)
                  for k, v in rates(rows, lambda r: str(r["area"]), root_of).items()],
        "languages": [{"language": k} | _rate(v)
                      for k, v in rates(rows, lambda r: str(r["language"]), root_of).items()],
        "cells": [{"area": k.split("@")[0], "language": k.split("@")[1]} | _rate(v)
                  for k, v in rates(rows, lambda r: f"{r['area']}@{r['language']}",
                                    root_of).items()],
        "baseline": {"campaigns": [c.id for c in window], "nights": [c.night for c in window],
                     "versions": sorted({c.assistant_version for c in window}),
                     "window": cfg.window} if window else None,
        "sequential": {"method": "cusum", "k": cfg.k, "q": cfg.q, "window": cfg.window,
                       "fdr": "benjamini-hochberg: areas, then cells of selected areas",
                       "state": ev.state},
        "comparisons": comparisons,
        "alarms": [{k: c[k] for k in ("group", "area", "language", "before", "after", "delta",
                                      "low", "high", "q_sequential", "flipped_tasks")}
                   for c in alarms],
        "degraded": bool(alarms),
        "failure_classes": dict(classes.most_common()),
        "tokens": tokens, "cost_usd": sum(r["cost_usd"] for r in rows),
        "latency_s": {"total": sum(latency), "mean": sum(latency) / len(latency) if latency
                      else 0.0},
        "flips": _flips(results[previous.id], rows) if previous is not None else [],
        "lineage": _lineage(rows, root_of),
        "version_change": version_change([*window, camp], results | {camp.id: rows}, info,
                                         cfg.window),
    }
    for name, hook in members("summary").items():
        try:
            summary[name] = hook(store, campaign_id, rows)
        except Exception as exc:  # a broken plug-in must not cost the night its verdict
            log.warning("summary section %s failed: %s", name, exc)
            summary[name] = {"error": f"{type(exc).__name__}: {exc}"}
    return summary


def _flips(prev_rows: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attempts that passed on the previous night and fail now, with both answers."""
    prev = {(r["task_id"], r["sample"]): r for r in prev_rows}
    out = []
    for r in rows:
        old = prev.get((r["task_id"], r["sample"]))
        if old and old["passed"] and not r["passed"] and not r["infra_error"]:
            out.append({"task": r["name"], "task_id": r["task_id"], "sample": r["sample"],
                        "area": r["area"], "language": r["language"],
                        "failure_class": r["failure_class"], "attempt_id": r["attempt_id"],
                        "before_attempt_id": old["attempt_id"], "before": old["files"],
                        "after": r["files"]})
    return out


def _lineage(rows: list[dict[str, Any]], root_of: dict[str, str]) -> list[dict[str, Any]]:
    """Tonight's generated (non-seed) tasks with their parent, seed and results."""
    by_task: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.get("origin", "seed") == "seed" and not r.get("parent"):
            continue
        t = by_task.setdefault(r["task_id"], {
            "task_id": r["task_id"], "name": r["name"], "parent": r["parent"],
            "root": root_of.get(r["task_id"], r["task_id"]), "origin": r.get("origin"),
            "area": r["area"], "language": r["language"], "passed": 0, "n": 0})
        if not r["infra_error"]:
            t["passed"] += bool(r["passed"])
            t["n"] += 1
    return list(by_task.values())
