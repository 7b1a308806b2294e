"""Reviewer-vs-tests agreement on a real SQLite store (no sandbox)."""

from __future__ import annotations

from pathlib import Path

from codecanary.store import Store
from codecanary.types import Attempt, Execution, Finding, Review, Task, TestOutcome
from reviewers.agreement import attempt_findings, night_agreement
from reviewers.base import ReviewOutcome
from reviewers.html import render_section
from reviewers.records import save_failure_detail, save_review

PASS = Execution(0, tests=(TestOutcome("t", "passed"),))
FAIL = Execution(1, tests=(TestOutcome("t", "failed", "assert"),), failure_class="wrong-answer")
BUG = Finding("concurrency", "error", "solution.py:3", "unlocked write")
STYLE = Finding("style", "warning", "solution.py:1", "long line")


def test_cells_order_and_rejections(tmp_path: Path, review_tasks: dict[str, Task]) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    tasks = sorted(review_tasks.values(), key=lambda t: t.name)
    store.save_tasks(tasks)
    cid = store.start_campaign("nightly", "2026-01-01", "sim", "v", {})
    plan = [  # (task, execution, findings, rejected)
        (tasks[0], FAIL, (BUG,), None),          # flagged & failed
        (tasks[1], PASS, (BUG, STYLE), None),    # flagged but passed: latent defect
        (tasks[2], PASS, (STYLE,), None),        # style only: passed clean
        (tasks[3], FAIL, (), None),              # reviewer miss
        (tasks[4], FAIL, (), "not JSON"),        # rejected: counted apart
    ]
    for t, e, findings, rejected in plan:
        store.record(cid, Attempt(t.id, "sim", "v", 0, dict(t.reference)), e)
        save_review(store, cid, t.id, 0, ReviewOutcome(Review("r", findings), rejected))
        save_review(store, cid, t.id, 0, ReviewOutcome(Review("r", findings), rejected))  # resume
    save_failure_detail(store, cid, tasks[0].id, 0, failure_class="wrong-answer",
                        counterexample="Falsifying example: f(x=0)", evidence=None, reruns=[False])
    infra = Attempt(tasks[0].id, "sim", "v", 1, {}, infra_error="503")
    store.record(cid, infra, Execution(-1, infra_error="not run"))
    save_review(store, cid, tasks[0].id, 1, ReviewOutcome(Review("r", (BUG,))))

    ag = night_agreement(store, cid)
    r = ag["reviewers"]["r"]
    assert (r["flagged_failed"], r["flagged_passed"], r["passed_clean"],
            r["failed_unflagged"], r["rejected"], r["n"]) == (1, 1, 1, 1, 1, 4)
    assert r["agreement"] == 0.5 and r["kappa"] == 0.0
    cells = [(t["task"], t["cell"]) for t in ag["tasks"]]
    assert cells == [(tasks[0].name, "flagged_failed"), (tasks[1].name, "flagged_passed"),
                     (tasks[3].name, "failed_unflagged"), (tasks[4].name, "failed_unflagged")]
    latent = ag["tasks"][1]
    assert latent["findings"]["r"] == [{"category": "concurrency", "severity": "error",
                                        "location": "solution.py:3", "text": "unlocked write"}]

    per = {a["task"]: a for a in attempt_findings(store, cid) if not a["infra"]}
    assert per[tasks[2].name]["reviews"][0]["findings"][0]["category"] == "style"  # all kept
    assert per[tasks[0].name]["counterexample"] == "Falsifying example: f(x=0)"
    assert per[tasks[4].name]["reviews"][0]["rejected"] == "not JSON"
    assert len(per[tasks[0].name]["reviews"]) == 1  # replaced, not duplicated

    html = render_section({"agreement": ag, "reviews": {"attempts": list(per.values())}})
    assert "latent defect" in html and "r rejected: not JSON" in html
    assert html.index(tasks[0].name) < html.index(tasks[1].name) < html.index(tasks[3].name)


def test_no_reviewer_renders_a_note() -> None:
    assert "no reviewer ran" in render_section({})
