"""The validation gate on bad input: each bad task gets its own clear error, the rest go on.

Runs the real gate in the real bubblewrap sandbox on copies of the mini suite's
Python task, broken in one way each.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from codecanary.cli import cli
from codecanary.tasks import load_task
from generators.validate import duplicates, fingerprint, validate
from sandbox.bwrap import BwrapSandbox
from tests.conftest import MINI_SUITE

PY_TASK = MINI_SUITE / "python" / "null-handling" / "display-name"
WRONG = 'def display_name(user):\n    return "anonymous"\n'
WEAK_TEST = ('from solution import display_name\n\n\n'
             'def test_runs():\n    display_name({"name": "x"})\n')


def copy_task(root: Path, name: str) -> Path:
    dest = root / "python" / "null-handling" / name
    shutil.copytree(PY_TASK, dest)
    return dest


def test_fingerprint_sees_through_layout_comments_docstrings_and_names() -> None:
    task = load_task(PY_TASK)
    source = task.reference["solution.py"]
    renamed = ('def shown_name(person):\n        """Doc."""\n        # comment\n'
               + source.split("\n", 1)[1].replace("user", "person").replace("    ", "        "))
    assert renamed != source
    tests = {k: v.replace("display_name", "shown_name") for k, v in task.tests.items()}
    twin = replace(task, reference={"solution.py": renamed}, tests=tests, path="twin",
                   id="other")
    assert fingerprint(twin) == fingerprint(task)
    changed = replace(twin, reference={"solution.py": renamed.replace('"anonymous"', '"?"')},
                      id="third", path="changed")
    assert fingerprint(changed) != fingerprint(task)
    found = duplicates([task, twin, changed, replace(task, path="copy")])
    assert set(found) == {"twin", "copy"}
    assert "near-duplicate" in found["twin"] and "same content hash" in found["copy"]


def test_gate_reports_each_problem(sandbox: BwrapSandbox, tmp_path: Path) -> None:
    task = load_task(PY_TASK)
    good = validate(sandbox, task, runs=1, auto_mutants=True)
    assert good.valid and good.mutation_score == 1.0
    failing = validate(sandbox, replace(task, reference={"solution.py": WRONG}), runs=3)
    assert failing.reference_runs == [False]
    assert failing.reasons[0].startswith("reference fails")
    weak = validate(sandbox, replace(task, tests={"test_weak.py": WEAK_TEST}), runs=1,
                    auto_mutants=True)
    assert weak.mutants_killed == {"no-none-check": False}
    assert weak.mutation_score == 0.0
    assert any("kill no automatic mutant" in r for r in weak.reasons)
    assert any("hand-written mutant 'no-none-check'" in r for r in weak.reasons)


@pytest.fixture
def bad_suite(tmp_path: Path) -> Path:
    """A good task, a failing reference, weak tests, a duplicate and a malformed task."""
    root = tmp_path / "suite"
    copy_task(root, "good")
    failing = copy_task(root, "failing-reference")
    (failing / "reference" / "solution.py").write_text(WRONG)
    weak = copy_task(root, "weak-tests")
    shutil.rmtree(weak / "tests")
    (weak / "tests").mkdir()
    (weak / "tests" / "test_weak.py").write_text(WEAK_TEST)
    dup = copy_task(root, "reformatted-copy")
    ref = dup / "reference" / "solution.py"
    ref.write_text("# a copy with a comment and other spacing\n" + ref.read_text()
                   .replace("    ", "  "))
    broken = copy_task(root, "broken-toml")
    (broken / "task.toml").write_text('title = "x"\nlanguage = "cobol"\n')
    return root


def test_cli_validate_gives_a_per_task_error_and_does_not_stop(bad_suite: Path) -> None:
    result = CliRunner().invoke(cli, ["tasks", "validate", str(bad_suite), "--json", "--runs",
                                      "2", "--mutation"])
    assert result.exit_code == 1, result.output
    rows = {Path(r["task"]).name: r for r in json.loads(result.output[result.output.index("["):])}
    assert set(rows) == {"good", "failing-reference", "weak-tests", "reformatted-copy",
                         "task.toml"}
    assert rows["good"]["valid"] and rows["good"]["reference_runs"] == [True, True]
    assert rows["good"]["flaky"] is False
    assert rows["failing-reference"]["reasons"][0].startswith("reference fails")
    assert any("kill no automatic mutant" in r for r in rows["weak-tests"]["reasons"])
    assert "near-duplicate of" in rows["reformatted-copy"]["reasons"][0]
    assert "field 'language'" in rows["task.toml"]["reasons"][0]
    assert not any(r["valid"] for name, r in rows.items() if name != "good")
