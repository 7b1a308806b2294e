"""The typed night summary: built from NightData without a store, and its JSON round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codecanary.history import Night
from codecanary.night_data import NightData
from codecanary.night_summary import NightSummary
from codecanary.stats import MonitorConfig
from codecanary.summary import build_summary

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "summary_golden" / "summaries.json"


def _row(task: str, sample: int, passed: bool, aid: int, **extra: Any) -> dict[str, Any]:
    return {"task_id": task, "name": f"n-{task}", "language": "python", "area": "boundaries",
            "kind": "implement", "sample": sample, "passed": passed,
            "failure_class": None if passed else "wrong-answer", "verdict": "ok",
            "infra_error": None, "cost_usd": 0.5, "latency_s": 2.0, "tokens": 7,
            "files": {"s.py": f"{task}{passed}"}, "diagnostics": None, "attempt_id": aid,
            "parent": None, "origin": "seed"} | extra


def test_build_summary_computes_from_plain_values_without_a_store() -> None:
    before = Night(id=1, night="2026-03-01", mode="nightly", assistant="sim", version="v1")
    tonight = Night(id=2, night="2026-03-02", mode="nightly", assistant="sim", version="v2")
    old = [_row("a", 0, True, 1), _row("b", 0, True, 2)]
    new = [_row("a", 0, False, 3), _row("b", 0, True, 4),
           _row("c", 0, True, 5, parent="a", origin="generated")]
    data = NightData(night=tonight, config=MonitorConfig(window=3), rows=new, window=(before,),
                     window_rows={1: old}, previous_state={}, roots={"c": "a"})
    s = build_summary(data, {"reviews": {"by_attempt": {}}})
    assert (s.attempts, s.tokens, s.cost_usd, s.latency_mean) == (3, 21, 1.5, 2.0)
    assert [f.task_id for f in s.flips] == ["a"] and s.flips[0].before_attempt_id == 1
    assert [(t.task_id, t.root, t.passed, t.n) for t in s.lineage] == [("c", "a", 1, 1)]
    assert s.baseline is not None and s.baseline.nights == ("2026-03-01",)
    assert s.version_change is not None and (s.version_change.old, s.version_change.new) == (
        "v1", "v2")
    doc = s.to_json()
    assert list(doc)[-1] == "reviews" and doc["version_change"]["from"] == "v1"
    assert doc["alarms"] == [c.alarm_json() for c in s.alarms] and doc["degraded"] == s.degraded


def test_untrustworthy_night_claims_no_alarm() -> None:
    tonight = Night(id=2, night="2026-03-02", mode="nightly", assistant="sim", version="v1")
    rows = [_row("a", 0, False, 1, infra_error="boom"), _row("b", 0, True, 2)]
    data = NightData(night=tonight, config=MonitorConfig(), rows=rows, window=(),
                     window_rows={}, previous_state={}, roots={})
    s = build_summary(data)
    assert not s.trustworthy and s.alarms == () and s.to_json()["degraded"] is False
    assert s.baseline is None and s.flips == () and s.to_json()["baseline"] is None


def test_json_round_trip_keeps_every_recorded_summary_identical() -> None:
    for doc in json.loads(GOLDEN.read_text(encoding="utf-8")):
        doc = {"campaign": 0} | doc  # the golden record has its ids stripped
        doc["baseline"] = doc["baseline"] and {"campaigns": []} | doc["baseline"]
        for f in doc["flips"]:
            f.update(attempt_id=0, before_attempt_id=0)
        again = NightSummary.from_json(doc).to_json()
        assert json.dumps(again, sort_keys=True) == json.dumps(doc, sort_keys=True)
        assert list(again) == list(doc)  # the same key order, so the same bytes
