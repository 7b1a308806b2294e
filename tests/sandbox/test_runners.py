"""Language runners report per-test outcomes and compile errors with their codes."""

from __future__ import annotations

from dataclasses import replace

from codecanary.types import Task
from reviewers.failures import classify
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import reference_files, run_tests


def test_python_reference_passes_with_per_test_outcomes(sandbox: BwrapSandbox,
                                                        py_task: Task) -> None:
    e = run_tests(sandbox, py_task, reference_files(py_task))
    assert e.passed, e.stdout
    names = {t.name.split("::")[-1] for t in e.tests}
    assert names == {"test_missing_user", "test_any_name", "test_no_key"}
    assert all(t.outcome == "passed" for t in e.tests)


def test_python_mutant_fails_as_null_handling(sandbox: BwrapSandbox, py_task: Task) -> None:
    e = run_tests(sandbox, py_task, reference_files(py_task, "no-none-check"))
    assert not e.passed
    failed = {t.name.split("::")[-1] for t in e.tests if t.outcome == "failed"}
    assert failed == {"test_missing_user"}
    assert classify(e) == "null-handling"


def test_python_syntax_error(sandbox: BwrapSandbox, py_task: Task) -> None:
    e = run_tests(sandbox, py_task, {"solution.py": "def display_name(user:\n"})
    assert not e.passed


def test_rust_reference_and_mutant(sandbox: BwrapSandbox, rust_task: Task) -> None:
    ok = run_tests(sandbox, rust_task, reference_files(rust_task))
    assert ok.passed, ok.stderr
    assert {t.name for t in ok.tests} == {"tests::small_values", "tests::closed_form"}
    bad = run_tests(sandbox, rust_task, reference_files(rust_task, "exclusive-range"))
    assert not bad.passed and not bad.compile_error
    assert {t.name for t in bad.tests if t.outcome == "failed"} == {
        "tests::small_values", "tests::closed_form"}
    assert classify(bad) == "wrong-answer"


def test_rust_borrow_error_keeps_its_code(sandbox: BwrapSandbox, rust_task: Task) -> None:
    moved = (
        "pub fn sum_to(n: u64) -> u64 {\n"
        "    let v: Vec<u64> = (1..=n).collect();\n"
        "    let mut total = 0;\n"
        "    for i in v { total += i; }\n"
        "    total + v.len() as u64 * 0\n"
        "}\n"
    )
    e = run_tests(sandbox, rust_task, {"solution.rs": moved})
    assert e.compile_error and "E0382" in e.diagnostics
    assert classify(replace(e, failure_class=None)) == "compile:E0382"
