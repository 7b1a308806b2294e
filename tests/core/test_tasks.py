"""The task loader: good tasks load, bad ones give errors naming file, field and fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from codecanary.tasks import TaskError, load_suite, load_task
from tests.conftest import MINI_SUITE

PY_TASK = MINI_SUITE / "python" / "null-handling" / "display-name"


@pytest.fixture
def task_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "suite" / "python" / "null-handling" / "display-name"
    shutil.copytree(PY_TASK, dest)
    return dest


def _edit_toml(folder: Path, old: str, new: str) -> None:
    toml = folder / "task.toml"
    text = toml.read_text()
    assert old in text
    toml.write_text(text.replace(old, new))


def test_loads_fields_and_files() -> None:
    task = load_task(PY_TASK)
    assert task.language == "python" and task.kind == "implement"
    assert task.weakness == ("null-handling",)
    assert "solution.py" in task.reference and "test_display_name.py" in task.tests
    assert set(task.mutants) == {"no-none-check"}
    assert len(task.id) == 16 and task.limits.time_s == 60


def test_id_is_content_hash(task_copy: Path) -> None:
    before = load_task(task_copy).id
    (task_copy / "prompt.md").write_text("A different prompt.\n")
    assert load_task(task_copy).id != before


def test_missing_field(task_copy: Path) -> None:
    _edit_toml(task_copy, 'entry_point = "solution.py"\n', "")
    with pytest.raises(TaskError) as exc:
        load_task(task_copy)
    msg = str(exc.value)
    assert "task.toml" in msg and "'entry_point'" in msg and "is missing" in msg
    assert 'add entry_point = "solution.py"' in msg


def test_bad_toml(task_copy: Path) -> None:
    (task_copy / "task.toml").write_text('title = "unterminated\n')
    with pytest.raises(TaskError) as exc:
        load_task(task_copy)
    assert "task.toml" in str(exc.value) and "not valid TOML" in str(exc.value)
    assert "fix the syntax" in str(exc.value)


def test_unknown_weakness(task_copy: Path) -> None:
    _edit_toml(task_copy, '["null-handling"]', '["null-handlin"]')
    with pytest.raises(TaskError) as exc:
        load_task(task_copy)
    msg = str(exc.value)
    assert "'weakness'" in msg and "'null-handlin'" in msg and "null-handling" in msg


def test_wrong_id_names_the_right_one(task_copy: Path) -> None:
    good = load_task(task_copy).id
    _edit_toml(task_copy, "title =", 'id = "0000000000000000"\ntitle =')
    with pytest.raises(TaskError) as exc:
        load_task(task_copy)
    assert good in str(exc.value) and "'id'" in str(exc.value)


def test_one_bad_task_does_not_stop_the_others(task_copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "suite" / "python" / "null-handling" / "broken"
    shutil.copytree(task_copy, bad)
    _edit_toml(bad, 'kind = "implement"', 'kind = "rewrite"')
    shutil.copytree(MINI_SUITE / "rust", tmp_path / "suite" / "rust")
    tasks, errors = load_suite([tmp_path / "suite"])
    assert sorted(t.name for t in tasks) == ["display-name", "sum-to"]
    assert len(errors) == 1 and errors[0].field == "kind" and "broken" in errors[0].path


def test_duplicate_content_is_reported(task_copy: Path, tmp_path: Path) -> None:
    shutil.copytree(task_copy, tmp_path / "suite" / "python" / "null-handling" / "again")
    tasks, errors = load_suite([tmp_path / "suite"])
    assert len(tasks) == 1 and len(errors) == 1 and "duplicates" in errors[0].problem
