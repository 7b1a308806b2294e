"""Like with like: exploration attempts never enter the verdict (issue 14, item 1).

Nights are recorded through the real Store: three baseline nights and tonight
with the same anchor outcomes (2 planned samples per task). A second store adds,
on every night, many failing extra samples of anchor tasks and failing generated
children, as ``nightly --budget`` exploration would. The verdict must be the
same in both stores and raise no alarm; exploration shows up only in
``exploration_attempts``. A control shows the check can fail: with the planned
samples forgotten, the same rows do raise an alarm.
"""

from __future__ import annotations

import dataclasses
import zlib
from pathlib import Path
from typing import Any

from codecanary.anchor import is_anchor, planned_samples, split
from codecanary.night_data import read_night
from codecanary.store import Store
from codecanary.summary import build_summary, summarize
from codecanary.types import Attempt, Execution, Task

AREAS = [("null-handling", "python"), ("boundaries", "python")]
NIGHTS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]
SAMPLES = 2
VERDICT = ("overall", "areas", "languages", "cells", "comparisons", "alarms", "degraded",
           "trustworthy", "flips", "version_change", "baseline")


def _task(area: str, lang: str, i: int, parent: str | None = None) -> Task:
    tid = f"{area[:4]}{i}{'c' if parent else ''}"
    return Task(id=tid, name=tid, title=tid, language=lang, kind="implement",  # type: ignore[arg-type]
                weakness=(area,), prompt="p", entry_point="solution.py", workspace={},
                reference={"solution.py": "ok\n"}, tests={},
                origin="generated" if parent else "seed", parent=parent)


def _record(store: Store, cid: int, task: Task, sample: int, ok: bool) -> None:
    a = Attempt(task_id=task.id, assistant="sim", version="v1", sample=sample,
                files={"solution.py": "ok\n" if ok else "bad\n"}, prompt_tokens=1,
                completion_tokens=1, latency_s=0.1)
    store.record(cid, a, Execution(exit_code=0 if ok else 1,
                                   failure_class=None if ok else "wrong-answer"))


def _store(path: Path, explore: bool) -> tuple[Store, list[int]]:
    """Four nights of identical anchor outcomes (about 80% pass), with or without exploration."""
    store = Store(f"sqlite:///{path}")
    seeds = [_task(a, lang, i) for a, lang in AREAS for i in range(8)]
    children = [_task(t.area, t.language, i, parent=t.id) for i, t in enumerate(seeds)]
    store.save_tasks(seeds + children)
    ids = []
    for night in NIGHTS:
        config: dict[str, Any] = {"samples": SAMPLES, "budget": 200 if explore else 0,
                                  "monitor": {"window": 3}}
        cid = store.start_campaign("nightly", night, "sim", "v1", config)
        for t in seeds:
            for s in range(SAMPLES):
                _record(store, cid, t, s, zlib.crc32(f"{t.id}{s}".encode()) % 5 != 0)
        if explore and night == NIGHTS[-1]:  # tonight's exploration: all failing, in one area
            for t in seeds[:8]:
                for s in range(SAMPLES, SAMPLES + 6):
                    _record(store, cid, t, s, False)
            for c in children:
                for s in range(SAMPLES):
                    _record(store, cid, c, s, False)
        elif explore:  # earlier nights explored too, and passed
            for c in children:
                _record(store, cid, c, 0, True)
        store.finish_campaign(cid, "done", summarize(store, cid))
        ids.append(cid)
    return store, ids


def _verdict(doc: dict[str, Any]) -> dict[str, Any]:
    strip = {"attempt_id", "before_attempt_id", "campaigns"}

    def clean(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items() if k not in strip}
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x
    return {k: clean(doc[k]) for k in VERDICT}


def test_planned_anchor_attempts_are_not_generated_and_within_the_planned_samples() -> None:
    assert planned_samples({"samples": 3}) == 3 and planned_samples({}) is None
    seed = {"origin": "seed", "sample": 1}
    assert is_anchor(seed, 2) and not is_anchor(seed | {"sample": 2}, 2)
    assert is_anchor({"origin": "imported", "sample": 0}, 1)
    assert not is_anchor({"origin": "generated", "sample": 0}, 1)
    assert is_anchor(seed | {"sample": 9}, None)
    rows = [seed, seed | {"sample": 5}, {"origin": "generated", "sample": 0}]
    assert split(rows, 2) == ([seed], rows[1:])


def test_exploration_neither_raises_an_alarm_nor_changes_the_verdict(tmp_path: Path) -> None:
    quiet, quiet_ids = _store(tmp_path / "quiet.db", explore=False)
    busy, busy_ids = _store(tmp_path / "busy.db", explore=True)
    a = summarize(quiet, quiet_ids[-1])
    b = summarize(busy, busy_ids[-1])
    assert a["comparisons"] and a["baseline"]["nights"] == NIGHTS[:3]
    assert not b["degraded"] and b["alarms"] == []
    assert _verdict(a) == _verdict(b)
    assert "exploration_attempts" not in a
    ex = b["exploration_attempts"]
    by = {(c["area"], c["kind"]): c for c in ex["areas"]}
    assert ex["attempts"] == 8 * 6 + 16 * SAMPLES and ex["in_verdict"] is False
    assert by[("null-handling", "extra_samples")]["attempts"] == 48
    assert by[("null-handling", "extra_samples")]["rate"] == 0.0
    assert by[("boundaries", "children")]["passed"] == 0
    assert b["attempts"] == a["attempts"] + ex["attempts"]


def test_the_same_rows_counted_as_planned_do_raise_an_alarm(tmp_path: Path) -> None:
    """Control: forget the planned samples and the exploration rows flip the verdict."""
    busy, ids = _store(tmp_path / "busy.db", explore=True)
    data = read_night(busy, ids[-1])
    everything = dataclasses.replace(data, planned=None)
    assert build_summary(data).alarms == ()
    assert build_summary(everything).cells != build_summary(data).cells
    assert {c.area for c in build_summary(everything).alarms} == {"null-handling"}


def test_the_report_says_the_verdict_uses_only_the_anchor_suite(tmp_path: Path) -> None:
    from codecanary.report import render
    busy, ids = _store(tmp_path / "busy.db", explore=True)
    quiet, quiet_ids = _store(tmp_path / "quiet.db", explore=False)
    page = render(summarize(busy, ids[-1]), [])
    assert "id=anchor-only" in page and "only the planned anchor suite" in page
    assert "<td class=l>null-handling</td><td class=l>extra samples</td><td>0 / 48</td>" in page
    assert "anchor-only" not in render(summarize(quiet, quiet_ids[-1]), [])
