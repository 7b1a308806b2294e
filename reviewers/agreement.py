"""Reviewer against tests, per night: who flagged what, and where they disagree.

For each reviewer, every attempt (infra errors excluded) falls in one cell:

* ``flagged_failed`` — the reviewer flagged it and the tests failed it;
* ``flagged_passed`` — flagged but the tests passed: a *latent defect* (or a
  false alarm), surfaced in the report with the finding;
* ``passed_clean`` — passed and not flagged;
* ``failed_unflagged`` — the tests failed it and the reviewer said nothing: a
  reviewer miss.

"Flagged" means at least one warning or error outside style
(:func:`reviewers.base.is_flag`); a rejected review flags nothing and is
counted apart. The task list puts attempts both sides flagged first, then
latent defects, then misses. The summary sections are registered as
``("summary", "reviews")`` and ``("summary", "agreement")``: the core's
summary calls every registered section, so it never imports this package.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from codecanary.registry import register
from codecanary.store import Store
from reviewers.base import is_flag
from reviewers.records import failure_details, reviews

CELLS = ("flagged_failed", "flagged_passed", "passed_clean", "failed_unflagged")
_ORDER = {"flagged_failed": 0, "flagged_passed": 1, "failed_unflagged": 2, "passed_clean": 3}


def _cell(flagged: bool, passed: bool) -> str:
    if flagged:
        return "flagged_passed" if passed else "flagged_failed"
    return "passed_clean" if passed else "failed_unflagged"


def _kappa(c: Counter[str]) -> float | None:
    """Cohen's kappa between "flagged" and "failed" (None when undefined)."""
    n = sum(c[k] for k in CELLS)
    if not n:
        return None
    observed = (c["flagged_failed"] + c["passed_clean"]) / n
    flag = (c["flagged_failed"] + c["flagged_passed"]) / n
    fail = (c["flagged_failed"] + c["failed_unflagged"]) / n
    expected = flag * fail + (1 - flag) * (1 - fail)
    return None if expected >= 1 else round((observed - expected) / (1 - expected), 4)


def attempt_findings(store: Store, campaign_id: int) -> list[dict[str, Any]]:
    """Per attempt that failed or drew a finding or rejection: class, anatomy and reviews."""
    by_key: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in reviews(store, campaign_id):
        by_key[(r["task_id"], r["sample"])].append(
            {"reviewer": r["reviewer"], "findings": r["findings"], "rejected": r["rejected"]})
    details = failure_details(store, campaign_id)
    out = []
    for row in store.results(campaign_id):
        key = (row["task_id"], row["sample"])
        revs = by_key.get(key, [])
        if row["passed"] and not any(r["findings"] or r["rejected"] for r in revs):
            continue
        d = details.get(key, {})
        evidence = d.get("evidence")
        out.append({
            "task": row["name"], "task_id": row["task_id"], "sample": row["sample"],
            "attempt_id": row["attempt_id"], "area": row["area"], "language": row["language"],
            "passed": row["passed"],
            "failure_class": row["failure_class"], "infra": bool(row["infra_error"]),
            "counterexample": d.get("counterexample"),
            "evidence": evidence[:1500] if evidence else None,
            "reruns": d.get("reruns", []), "reviews": revs,
        })
    return out


def night_agreement(store: Store, campaign_id: int) -> dict[str, Any]:
    """Reviewer-vs-tests agreement of one campaign (see the module docstring).

    Returns ``{"reviewers": {id: {cells..., "n", "agreement", "kappa", "rejected"}},
    "tasks": [...]}``; each task entry names the attempt, its failure class, the
    reviewers that flagged it and their flagging findings.
    """
    rows = {(r["task_id"], r["sample"]): r for r in store.results(campaign_id)
            if not r["infra_error"]}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    flags: dict[tuple[str, int], dict[str, list[dict[str, str]]]] = defaultdict(dict)
    for rv in reviews(store, campaign_id):
        key = (rv["task_id"], rv["sample"])
        if key not in rows:
            continue
        if rv["rejected"]:
            counts[rv["reviewer"]]["rejected"] += 1
            continue
        hits = [f for f in rv["findings"] if is_flag(f)]
        counts[rv["reviewer"]][_cell(bool(hits), rows[key]["passed"])] += 1
        if hits:
            flags[key][rv["reviewer"]] = hits
    table = {}
    for name, c in sorted(counts.items()):
        n = sum(c[k] for k in CELLS)
        table[name] = {**{k: c[k] for k in CELLS}, "n": n, "rejected": c["rejected"],
                       "agreement": round((c["flagged_failed"] + c["passed_clean"]) / n, 4)
                       if n else None, "kappa": _kappa(c)}
    tasks = []
    for key, row in rows.items():
        by = flags.get(key, {})
        cell = _cell(bool(by), row["passed"])
        if cell == "passed_clean":
            continue
        tasks.append({"task": row["name"], "task_id": row["task_id"], "sample": row["sample"],
                      "area": row["area"], "language": row["language"],
                      "passed": row["passed"], "failure_class": row["failure_class"],
                      "cell": cell, "flagged_by": sorted(by), "findings": by})
    tasks.sort(key=lambda t: (_ORDER[t["cell"]], t["task"], t["sample"]))
    return {"reviewers": table, "tasks": tasks}


def fault_confusion(store: Store, campaign_id: int) -> dict[str, dict[str, int]]:
    """Injected fault operator (``Attempt.meta["fault"]``) x failure class ("pass" if passed)."""
    meta = {key: m.get("fault", "?") for key, m in store.attempt_meta(campaign_id).items()}
    matrix: dict[str, Counter[str]] = defaultdict(Counter)
    for r in store.results(campaign_id):
        op = meta.get((r["task_id"], r["sample"]), "?")
        matrix[op][r["failure_class"] or "pass"] += 1
    return {op: dict(c) for op, c in sorted(matrix.items())}


def by_attempt(attempts: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """Attempt id (as a string) -> its non-style findings, each with its reviewer."""
    out: dict[str, list[dict[str, str]]] = {}
    for a in attempts:
        found = [{**f, "reviewer": r["reviewer"]} for r in a["reviews"] for f in r["findings"]
                 if is_flag(f)]
        if found:
            out[str(a["attempt_id"])] = found
    return out


@register("summary", "reviews")
def reviews_section(store: Store, campaign_id: int, rows: object = None) -> dict[str, Any]:
    """The summary's ``reviews``: ``attempts`` (see :func:`attempt_findings`) and
    ``by_attempt`` (attempt id -> flagging findings, what the report shows on flips)."""
    attempts = attempt_findings(store, campaign_id)
    return {"attempts": attempts, "by_attempt": by_attempt(attempts)}


@register("summary", "agreement")
def agreement_section(store: Store, campaign_id: int, rows: object = None) -> dict[str, Any]:
    """The summary's ``agreement``: :func:`night_agreement`."""
    return night_agreement(store, campaign_id)
