"""Earlier nights read tolerantly for the charts; tonight's own campaign drawn once."""

from __future__ import annotations

from typing import Any

from codecanary.report.past import PastNight, chart_nights


def _tonight(**extra: Any) -> dict[str, Any]:
    return {"campaign": 5, "mode": "nightly", "night": "2026-04-03", "assistant": "sim",
            "version": "v2", "attempts": 4, "infra_errors": 0, "trustworthy": True,
            "overall": {"passed": 3, "n": 4, "low": 0.3, "high": 0.9, "rate": 0.75},
            "areas": [{"area": "boundaries", "passed": 3, "n": 4, "low": 0.3, "high": 0.9,
                       "rate": 0.75}], "cells": [],
            "comparisons": [{"group": "boundaries", "significant_drop": True}],
            "failure_classes": {}, "tokens": 40, "cost_usd": 0.25, "flips": []} | extra


def test_an_old_record_missing_fields_reads_as_gaps() -> None:
    old = PastNight.from_json({"night": "2026-04-01", "overall": None})
    assert (old.overall, dict(old.areas), old.drops) == (None, {}, frozenset())
    assert (old.attempts, old.tokens, old.cost_usd, old.latency_mean) == (0, 0, 0.0, 0.0)
    assert old.version is None and old.version_label == ""


def test_chart_nights_keep_the_past_up_to_tonight_and_drop_a_stored_copy_of_tonight() -> None:
    history = [{"night": "2026-04-01", "campaign": 1, "version": "v1"},
               {"campaign": 2},  # no night: not drawable
               _tonight(),  # tonight's own stored record: drawn once, as tonight
               {"night": "2026-04-09", "campaign": 9}]  # after tonight
    nights = chart_nights(history, _tonight())
    assert [n.night for n in nights] == ["2026-04-01", "2026-04-03"]
    last = nights[-1]
    assert last.drops == {"boundaries"} and last.areas["boundaries"].rate == 0.75
    assert (last.tokens, last.cost_usd, last.version_label) == (40, 0.25, "v2")
