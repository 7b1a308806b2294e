"""The machine-readable summary of one campaign (what --json writes and CI reads).

It holds pass rates by weakness x language with 95% intervals, the paired
comparison with the previous night of the same assistant per area (exact
McNemar, Holm-corrected), the tasks that flipped, failure classes, cost and a
verdict: ``degraded`` when some area dropped significantly. When too many
attempts hit infra errors the night claims nothing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from codecanary.stats import paired_compare, rates
from codecanary.store import Store

MAX_INFRA_SHARE = 0.2


def summarize(store: Store, campaign_id: int) -> dict[str, Any]:
    """Build the summary of ``campaign_id`` (see the module docstring)."""
    camp = store.campaign(campaign_id)
    rows = store.results(campaign_id)
    infra = sum(1 for r in rows if r["infra_error"])
    cells = rates(rows, lambda r: f"{r['area']}|{r['language']}")
    overall = rates(rows, lambda r: "all").get("all")
    prev_id = store.previous_campaign(camp.assistant, camp.night, camp.mode)
    comparisons = []
    baseline = None
    if prev_id is not None:
        prev = store.campaign(prev_id)
        baseline = {"campaign": prev_id, "night": prev.night, "version": prev.assistant_version}
        comparisons = paired_compare(store.results(prev_id), rows, lambda r: str(r["area"]))
    infra_share = infra / len(rows) if rows else 0.0
    trustworthy = infra_share <= MAX_INFRA_SHARE
    degraded = trustworthy and any(c.significant_drop for c in comparisons)
    classes = Counter(r["failure_class"] for r in rows if r["failure_class"])
    return {
        "campaign": campaign_id,
        "mode": camp.mode,
        "night": camp.night,
        "assistant": camp.assistant,
        "version": camp.assistant_version,
        "attempts": len(rows),
        "infra_errors": infra,
        "trustworthy": trustworthy,
        "overall": dataclasses.asdict(overall) | {"rate": overall.rate} if overall else None,
        "cells": [
            {"area": k.split("|")[0], "language": k.split("|")[1], "passed": v.passed, "n": v.n,
             "rate": v.rate, "low": v.low, "high": v.high}
            for k, v in cells.items()
        ],
        "baseline": baseline,
        "comparisons": [dataclasses.asdict(c) | {"delta": c.delta} for c in comparisons],
        "degraded": degraded,
        "failure_classes": dict(classes.most_common()),
        "cost_usd": sum(r["cost_usd"] for r in rows),
        "tokens": sum(r["tokens"] for r in rows),
        "flips": _flips(store, prev_id, rows) if prev_id is not None else [],
    }


def _flips(store: Store, prev_id: int, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attempts that passed on the baseline night and fail now, with both answers."""
    prev = {(r["task_id"], r["sample"]): r for r in store.results(prev_id)}
    out = []
    for r in rows:
        old = prev.get((r["task_id"], r["sample"]))
        if old and old["passed"] and not r["passed"] and not r["infra_error"]:
            out.append({"task": r["name"], "task_id": r["task_id"], "sample": r["sample"],
                        "area": r["area"], "language": r["language"],
                        "failure_class": r["failure_class"], "before": old["files"],
                        "after": r["files"]})
    return out
