"""The one task codec: Task -> JSON -> Task is the identity, for every field."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from codecanary.store import Store
from codecanary.task_json import task_from_json, task_to_json
from codecanary.types import Limits, Task, content_id
from generators.export import write_jsonl
from generators.importers import parse_jsonl


def full_task() -> Task:
    """A task with every field set away from its default."""
    files = {"workspace": {"lib.py": "x = 1\n"}, "reference": {"lib.py": "x = 2\n"},
             "tests": {"test_lib.py": "from lib import x\n\ndef test_x():\n    assert x == 2\n"}}
    tid = content_id("python", "repair", "Fix x.\n", "lib.py", files["workspace"],
                     files["reference"], files["tests"])
    return Task(
        id=tid, name="fix-x", title="Fix x", language="python", kind="repair",
        weakness=("boundaries", "null-handling"), prompt="Fix x.\n", entry_point="lib.py",
        workspace=files["workspace"], reference=files["reference"], tests=files["tests"],
        mutants={"off-by-one": {"lib.py": "x = 3\n"}},
        limits=Limits(time_s=12.5, memory_mb=256, cpu_s=7.0, processes=9, file_mb=3,
                      output_bytes=4096),
        difficulty="hard", origin="generated", parent="0123456789abcdef",
        operator="boundary-shift", license="MIT", path="/somewhere/fix-x",
    )


def test_every_field_differs_from_its_default() -> None:
    task = full_task()
    for f in dataclasses.fields(Task):
        if f.default is not dataclasses.MISSING:
            assert getattr(task, f.name) != f.default, f.name
        elif f.default_factory is not dataclasses.MISSING:
            assert getattr(task, f.name) != f.default_factory(), f.name
    for f in dataclasses.fields(Limits):
        assert getattr(task.limits, f.name) != f.default, f.name


def test_round_trip_through_json_text() -> None:
    task = full_task()
    data = json.loads(json.dumps(task_to_json(task)))
    assert task_from_json(data) == task
    assert task_from_json(data, check_id=False) == task


def test_round_trip_through_the_store(tmp_path: Path) -> None:
    task = full_task()
    store = Store(f"sqlite:///{tmp_path / 'cc.db'}")
    store.save_tasks([task])
    assert store.task(task.id) == task
    assert store.tasks_of_origin("generated") == [task]
    assert store.task("nope") is None


def test_a_tampered_record_is_refused_unless_trusted() -> None:
    data = task_to_json(full_task())
    data["tests"]["test_lib.py"] += "\n"
    with pytest.raises(ValueError, match="content hash"):
        task_from_json(data)
    assert task_from_json(data, check_id=False).id == data["id"]
    with pytest.raises(ValueError, match="unknown limit"):
        task_from_json({**task_to_json(full_task()), "limits": {"wall": 3}})


def test_exported_jsonl_reads_back_without_the_local_path(tmp_path: Path) -> None:
    task = full_task()
    out = tmp_path / "tasks.jsonl"
    write_jsonl([task], out)
    assert "path" not in json.loads(out.read_text(encoding="utf-8"))
    items, errors = parse_jsonl(out.read_text(encoding="utf-8"), str(out))
    assert errors == []
    assert items == [dataclasses.replace(task, path=None)]
