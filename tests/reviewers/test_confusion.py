"""End to end: an all-faulty sim night through the real graph, sandbox and store.

Each injected fault operator lands in the failure class it should, the static
reviewer's findings and the agreement table reach the nightly summary (JSON),
and the report's reviewers section renders them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from codecanary.report import render
from codecanary.store import Store
from reviewers.agreement import fault_confusion
from reviewers.failures import family
from reviewers.html import render_section

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from failure_confusion import key_cells, render_matrix, run

from tests.reviewers.conftest import SUITE


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, int, dict[str, Any]]:
    db = tmp_path_factory.mktemp("night") / "n.db"
    store, cid = run(SUITE, samples=1, workers=2, db=f"sqlite:///{db}")
    return store, cid, store.campaign(cid).summary


def test_each_operator_maps_to_its_failure_class(night: tuple[Store, int, Any]) -> None:
    store, cid, _ = night
    m = fault_confusion(store, cid)
    print(render_matrix(m))
    assert set(m) >= {"remove-lock", "move-instead-of-borrow", "drop-none-check", "off-by-one"}
    assert set(m["remove-lock"]) <= {"race", "wrong-answer"}
    assert all(family(c) == "borrow-check" for c in m["move-instead-of-borrow"])
    assert m["move-instead-of-borrow"] == {"compile:E0382": 1}
    assert m["drop-none-check"] == {"null-handling": 1}
    assert m["off-by-one"] == {"wrong-answer": 2}
    assert all(share == 1.0 for share in key_cells(m).values())


def test_findings_and_agreement_are_in_the_nightly_json(night: tuple[Store, int, Any]) -> None:
    _, _, summary = night
    summary = json.loads(json.dumps(summary))  # what --json writes
    agreement = summary["agreement"]
    static = agreement["reviewers"]["static"]
    assert static["n"] == 5 and static["flagged_failed"] >= 1
    assert sum(static[k] for k in ("flagged_failed", "flagged_passed", "passed_clean",
                                   "failed_unflagged")) == 5
    cells = [t["cell"] for t in agreement["tasks"]]
    assert cells[0] == "flagged_failed" and cells == sorted(
        cells, key=["flagged_failed", "flagged_passed", "failed_unflagged"].index)
    lock = next(t for t in agreement["tasks"] if t["task"] == "counter")
    assert lock["cell"] == "flagged_failed"
    assert any(f["category"] == "concurrency" and f["location"].startswith("solution.py:")
               for f in lock["findings"]["static"])
    attempts = summary["reviews"]["attempts"]
    window = next(a for a in attempts if a["task"] == "window-sums")
    assert window["counterexample"] and "test_matches_naive(" in window["counterexample"]
    assert str(lock_attempt_id(attempts, "counter")) in summary["reviews"]["by_attempt"]


def lock_attempt_id(attempts: list[dict[str, Any]], task: str) -> int:
    return int(next(a["attempt_id"] for a in attempts if a["task"] == task))


def test_report_section_renders_agreement_and_findings(night: tuple[Store, int, Any]) -> None:
    _, _, summary = night
    html = render_section(summary)
    assert "id=agreement" in html and "static" in html
    listing = html[html.index("id=review-attempts"):]
    assert listing.index("flagged and failed") < listing.index("failed, not flagged")
    assert "concurrency" in listing
    assert "Failing test case" in listing or "Falsifying example" in listing
    page = render(summary, [])  # the nightly HTML report includes the section
    assert "<h2 id=reviewers>Reviewers</h2>" in page and "id=review-attempts" in page
