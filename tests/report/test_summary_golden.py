"""Golden record of the night summary and report, so refactoring them changes nothing.

Five nights of a fixed suite are recorded through the Store API (the fifth under
a new version, with one cell broken), and each night's summary JSON (minus
database ids) plus the last night's HTML report are compared with fixtures
recorded before the summary was typed; so is the console table ``nightly``
prints. Regenerate them only on purpose, with
``CODECANARY_REGOLD=1``.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import zlib
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from codecanary.night_data import summaries
from codecanary.report import render
from codecanary.store import Store
from codecanary.summary import summarize
from codecanary.types import Attempt, Execution, Task

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "summary_golden"
CELLS = [("null-handling", "python"), ("null-handling", "rust"), ("concurrency", "python"),
         ("boundaries", "rust")]
IDS = {"campaign", "campaigns", "attempt_id", "before_attempt_id"}


def _task(area: str, lang: str, i: int, parent: str | None = None) -> Task:
    tid = f"{area[:4]}{lang[:2]}{i}{'c' if parent else ''}"
    return Task(id=tid, name=f"{area}-{lang}-{i}{'-child' if parent else ''}", title=tid,
                language=lang, kind="implement", weakness=(area,), prompt="p",  # type: ignore[arg-type]
                entry_point="solution.py", workspace={}, reference={"solution.py": "ok\n"},
                tests={}, origin="imported" if parent else "seed", parent=parent)


def _suite() -> list[Task]:
    tasks = []
    for area, lang in CELLS:
        for i in range(4):
            seed = _task(area, lang, i)
            tasks += [seed, _task(area, lang, i, parent=seed.id)]
    return tasks


def _night(store: Store, tasks: list[Task], night: str, version: str,
           broken: tuple[str, str] | None) -> dict[str, Any]:
    cid = store.start_campaign("nightly", night, "sim", version, {"monitor": {"window": 3}})
    for t in tasks:
        for s in range(3):
            noise = zlib.crc32(f"{t.id}{s}{night}".encode()) % 7 == 0
            ok = (t.area, t.language) != broken and not noise
            infra = zlib.crc32(f"infra{t.id}{s}{night}".encode()) % 29 == 0
            a = Attempt(task_id=t.id, assistant="sim", version=version, sample=s,
                        files={"solution.py": f"ok {s}\n" if ok else f"broken {night}\n"},
                        prompt_tokens=10 + s, completion_tokens=5, cost_usd=0.001 * (s + 1),
                        latency_s=0.25 * (s + 1), infra_error="boom" if infra else None)
            e = Execution(exit_code=0 if ok else 1,
                          failure_class=None if ok else ("null-handling" if s else "wrong-answer"))
            store.record(cid, a, e)
    summary = summarize(store, cid)
    store.finish_campaign(cid, "done", summary)
    return summary


def _strip(x: Any) -> Any:
    """The summary without database ids (they depend on insertion order, not on the data)."""
    if isinstance(x, dict):
        return {k: _strip(v) for k, v in x.items() if k not in IDS}
    if isinstance(x, list):
        return [_strip(v) for v in x]
    return x


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[dict[str, Any]]]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'g.db'}")
    tasks = _suite()
    store.save_tasks(tasks)
    out = [_night(store, tasks, f"2026-02-0{d}", "v1", None) for d in range(1, 5)]
    out.append(_night(store, tasks, "2026-02-05", "v2", ("null-handling", "python")))
    return store, out


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CODECANARY_REGOLD"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden record"


def test_summary_json_matches_the_golden_record(
        nights: tuple[Store, list[dict[str, Any]]]) -> None:
    _, out = nights
    assert out[-1]["degraded"] and out[-1]["version_change"]  # the record covers both paths
    text = json.dumps([_strip(s) for s in out], indent=1, sort_keys=False, default=str)
    _check("summaries.json", text + "\n")


def test_report_html_matches_the_golden_record(
        nights: tuple[Store, list[dict[str, Any]]]) -> None:
    store, out = nights
    page = render(out[-1], summaries(store, "sim"))
    _check("report.html", page)


def test_golden_comparison_can_fail(nights: tuple[Store, list[dict[str, Any]]]) -> None:
    _, out = nights
    changed = json.loads(json.dumps(_strip(out[-1]), default=str)) | {"degraded": False}
    recorded = json.loads((GOLDEN / "summaries.json").read_text(encoding="utf-8"))[-1]
    assert changed != recorded and _strip(json.loads(json.dumps(out[-1], default=str))) == recorded


def test_console_table_matches_the_golden_record(
        nights: tuple[Store, list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch) -> None:
    nightly = importlib.import_module("codecanary.cli.outcome")
    buf = io.StringIO()
    monkeypatch.setattr(nightly, "out", Console(file=buf, width=200, color_system=None))
    for s in nights[1]:
        nightly.print_table(s)
    _check("table.txt", buf.getvalue())
