"""Export: exported folders and JSONL files load back as the same tasks (same content hashes)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from codecanary.cli import cli
from codecanary.store import Store
from codecanary.task_json import task_from_json, task_to_json
from codecanary.tasks import load_suite
from codecanary.types import Task
from generators.export import (
    ExportError,
    task_toml,
    write_jsonl,
    write_task,
)
from generators.importers import import_text
from tests.conftest import MINI_SUITE

PROBLEMS = [
    {"task_id": f"Demo/{i}",
     "prompt": f'def f{i}(x):\n    """Return x + {i}; "quoted" \\ back."""\n',
     "canonical_solution": f"    return x + {i}\n",
     "test": f"def check(candidate):\n    assert candidate(1) == {i + 1}\n",
     "entry_point": f"f{i}"}
    for i in range(3)
]


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, list[Task]]:
    """Three imported tasks written to disk, as ``codecanary import jsonl`` does."""
    text = "\n".join(json.dumps(p) for p in PROBLEMS)
    tasks, errors = import_text(text, "demo", "python", "MIT \u00a9 demo\ttab")
    assert not errors
    root = tmp_path / "imported"
    for task in tasks:
        write_task(task, root)
    return root, tasks


def ids(root: Path) -> list[str]:
    tasks, errors = load_suite([root])
    assert not errors, errors
    return sorted(t.id for t in tasks)


def test_export_of_imported_tasks_reimports_to_the_same_ids(
        imported: tuple[Path, list[Task]], tmp_path: Path) -> None:
    root, tasks = imported
    runner = CliRunner()
    seed_out = tmp_path / "seed-export"
    result = runner.invoke(cli, ["export", "--from", str(root), "--to", str(seed_out),
                                 "--no-validate"])
    assert result.exit_code == 0, result.output
    assert ids(seed_out) == ids(root) == sorted(t.id for t in tasks)
    reloaded, _ = load_suite([seed_out])
    assert {t.license for t in reloaded} == {f"MIT \u00a9 demo\ttab (Demo/{i})" for i in range(3)}
    assert {t.origin for t in reloaded} == {"imported"}

    jsonl_out = tmp_path / "export.jsonl"
    result = runner.invoke(cli, ["export", "--from", str(root), "--to", str(jsonl_out),
                                 "--format", "jsonl", "--no-validate"])
    assert result.exit_code == 0, result.output
    again = tmp_path / "again"
    result = runner.invoke(cli, ["import", "jsonl", str(jsonl_out), "--to", str(again)])
    assert result.exit_code == 0, result.output
    assert ids(again) == ids(root)


def test_seed_tasks_round_trip_with_mutants_and_limits(tmp_path: Path) -> None:
    tasks, _ = load_suite([MINI_SUITE])
    for task in tasks:
        folder = write_task(task, tmp_path)
        (back,) = load_suite([folder])[0]
        assert back.id == task.id
        assert back.mutants == task.mutants
        assert back.limits == task.limits
        assert (back.weakness, back.difficulty, back.title) == (
            task.weakness, task.difficulty, task.title)


def test_json_round_trip_and_tampered_id() -> None:
    tasks, _ = load_suite([MINI_SUITE])
    for task in tasks:
        data = json.loads(json.dumps(task_to_json(task)))
        assert task_from_json(data) == task
        data["reference"][task.entry_point] += "\n# changed\n"
        with pytest.raises(ValueError, match="content hash"):
            task_from_json(data)


def test_generated_tasks_come_from_the_store(tmp_path: Path) -> None:
    tasks, _ = load_suite([MINI_SUITE])
    base = next(t for t in tasks if t.language == "python")
    generated = replace(base, prompt=base.prompt + "\nAlso handle whitespace-only names.\n",
                        origin="generated", parent=base.id, operator="null-tighten", path=None)
    generated = task_from_json({**task_to_json(generated), "id": None})  # recompute the hash
    url = f"sqlite:///{tmp_path / 'cc.db'}"
    Store(url).save_tasks([base, generated])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "--db", url, "--to", str(out), "--no-validate"])
    assert result.exit_code == 0, result.output
    (back,) = load_suite([out])[0]
    assert back.id == generated.id
    assert (back.origin, back.parent, back.operator) == ("generated", base.id, "null-tighten")


def test_unsafe_names_and_clashes_are_refused(tmp_path: Path) -> None:
    tasks, _ = load_suite([MINI_SUITE])
    task = tasks[0]
    with pytest.raises(ExportError, match="not a safe"):
        write_task(replace(task, tests={"../escape.py": "x"}), tmp_path)
    with pytest.raises(ExportError, match="newlines"):
        write_task(replace(task, prompt="a\r\nb"), tmp_path / "crlf")
    first = write_task(task, tmp_path / "ok")
    second = write_task(replace(task, id="other"), tmp_path / "ok")
    assert first != second and second.name.endswith("-other")
    assert 'id = "' in task_toml(task)


def test_jsonl_lines_are_whole_tasks(tmp_path: Path) -> None:
    tasks, _ = load_suite([MINI_SUITE])
    path = tmp_path / "x.jsonl"
    write_jsonl(tasks, path)
    lines = path.read_text().splitlines()
    assert len(lines) == len(tasks)
    assert {json.loads(line)["id"] for line in lines} == {t.id for t in tasks}


def test_export_filters_by_weakness_and_mutation_score(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "null-only"
    result = runner.invoke(cli, ["export", "--from", str(MINI_SUITE), "--to", str(out),
                                 "--weakness", "null-handling", "--no-validate"])
    assert result.exit_code == 0, result.output
    assert {t.language for t in load_suite([out])[0]} == {"python"}
    strict = tmp_path / "strict"
    result = runner.invoke(cli, ["export", "--from", str(MINI_SUITE / "python"), "--to",
                                 str(strict), "--min-mutation-score", "1.01"])
    assert result.exit_code == 0, result.output
    assert "not exported" in result.output and "mutation score" in result.output
    assert not strict.exists() or not any(strict.iterdir())
