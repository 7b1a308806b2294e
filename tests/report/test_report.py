"""Summary + report built from a real SQLite store holding several nights of attempts."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

from codecanary import registry
from codecanary.night_data import finished_nights, summaries
from codecanary.report import render
from codecanary.store import Store
from codecanary.summary import summarize
from codecanary.types import Attempt, Execution, Task

CELLS = [("null-handling", "python"), ("null-handling", "rust"), ("concurrency", "python"),
         ("boundaries", "rust")]


def _task(area: str, lang: str, i: int, parent: str | None = None) -> Task:
    tid = f"{area[:4]}{lang[:2]}{i}{'c' if parent else ''}"
    return Task(id=tid, name=f"{area}-{lang}-{i}{'-child' if parent else ''}", title=tid,
                language=lang, kind="implement", weakness=(area,), prompt="p",  # type: ignore[arg-type]
                entry_point="solution.py", workspace={}, reference={"solution.py": "ok\n"},
                tests={}, origin="imported" if parent else "seed", parent=parent)


def _suite() -> list[Task]:
    tasks = []
    for area, lang in CELLS:
        for i in range(6):
            seed = _task(area, lang, i)
            tasks += [seed, _task(area, lang, i, parent=seed.id)]
    return tasks


def _night(store: Store, tasks: list[Task], night: str, version: str,
           broken: tuple[str, str] | None) -> dict[str, Any]:
    cid = store.start_campaign("nightly", night, "sim", version, {"monitor": {"window": 7}})
    for t in tasks:
        for s in range(3):
            noise = zlib.crc32(f"{t.id}{s}{night}".encode()) % 13 == 0
            ok = (t.area, t.language) != broken and not noise
            a = Attempt(task_id=t.id, assistant="sim", version=version, sample=s,
                        files={"solution.py": "ok\n" if ok else "broken\n"}, prompt_tokens=10,
                        completion_tokens=5, cost_usd=0.001, latency_s=0.5)
            e = Execution(exit_code=0 if ok else 1,
                          failure_class=None if ok else "null-handling")
            store.record(cid, a, e)
    summary = summarize(store, cid)
    store.finish_campaign(cid, "done", summary)
    return summary


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[dict[str, Any]]]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'r.db'}")
    tasks = _suite()
    store.save_tasks(tasks)
    out = [_night(store, tasks, f"2026-01-0{d}", "v1", None) for d in range(1, 5)]
    out.append(_night(store, tasks, "2026-01-05", "v2", ("null-handling", "python")))
    return store, out


def test_first_night_claims_nothing_and_later_nights_are_quiet(
        built: tuple[Store, list[dict[str, Any]]]) -> None:
    _, nights = built
    assert nights[0]["baseline"] is None and not nights[0]["degraded"]
    assert not any(n["degraded"] for n in nights[1:4])
    assert nights[3]["baseline"]["nights"] == ["2026-01-01", "2026-01-02", "2026-01-03"]


def test_broken_cell_raises_an_alarm_naming_area_effect_and_tasks(
        built: tuple[Store, list[dict[str, Any]]]) -> None:
    _, nights = built
    last = nights[-1]
    assert last["degraded"]
    groups = {a["group"] for a in last["alarms"]}
    assert "null-handling@python" in groups and "concurrency" not in groups
    alarm = next(a for a in last["alarms"] if a["group"] == "null-handling@python")
    assert alarm["delta"] < -0.5 and alarm["low"] <= alarm["delta"] <= alarm["high"]
    assert alarm["flipped_tasks"]
    assert last["version_change"]["from"] == "v1" and last["version_change"]["to"] == "v2"
    json.dumps(last)  # what --json writes must be plain JSON


def test_intervals_are_clustered_by_seed_lineage(
        built: tuple[Store, list[dict[str, Any]]]) -> None:
    _, nights = built
    cell = next(c for c in nights[-1]["cells"] if c["area"] == "concurrency")
    assert cell["clusters"] == 6 and cell["n"] == 36  # 12 tasks (6 seeds + children) x 3
    assert len(nights[-1]["lineage"]) == 24  # the generated children, with their seeds
    assert all(t["root"] != t["task_id"] for t in nights[-1]["lineage"])


def test_report_is_self_contained_with_red_grid_charts_and_version_marks(
        built: tuple[Store, list[dict[str, Any]]]) -> None:
    store, nights = built
    page = render(nights[-1], summaries(store, "sim"))
    assert "<script" not in page and "http://" not in page.replace(
        "http://www.w3.org/2000/svg", "")
    assert re.search(r'class="drop"[^>]*data-area="null-handling" data-language="python"', page)
    assert not re.search(r'class="drop"[^>]*data-area="concurrency"', page)
    assert page.count('class="chart rate-chart"') == 1 + 3 + 2  # overall, areas, languages
    assert page.count('class="version-change"') >= 6 + 3  # every chart marks v1 -> v2
    assert 'class="alarm"' in page and "<polygon class=\"band\"" in page
    assert "chart-tokens" in page and "chart-cost" in page and "chart-latency" in page
    assert "id=lineage" in page and "Version change: v1" in page


def test_reviewer_section_is_filled_by_a_registered_hook(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'h.db'}")
    tasks = _suite()[:4]
    store.save_tasks(tasks)

    def reviews(store: Store, campaign_id: int, rows: list[dict[str, Any]]) -> dict[str, Any]:
        return {"by_attempt": {str(rows[0]["attempt_id"]): [
            {"category": "null-handling", "severity": "error", "location": "solution.py:3",
             "text": "dereferences a None user"}]}, "agreement": 0.9}

    saved = registry.members("summary")  # the real reviewers' hooks, restored in order below
    registry.register("summary", "reviews")(reviews)
    try:
        s = _night(store, tasks, "2026-01-01", "v1", None)
    finally:
        registry._REGISTRY["summary"].clear()
        registry._REGISTRY["summary"].update(saved)
    assert s["reviews"]["agreement"] == 0.9
    s["flips"] = [{"task": "t", "task_id": "t", "sample": 0, "area": "a", "language": "python",
                   "failure_class": "null-handling", "attempt_id": next(iter(
                       s["reviews"]["by_attempt"])), "before_attempt_id": 0,
                   "before": {"f": "a\n"}, "after": {"f": "b\n"}}]
    assert "dereferences a None user" in render(s, [])
    assert [c.night for c in finished_nights(store, "sim")] == ["2026-01-01"]
