"""C++, JavaScript, Java and Rust 2024 runners: per-test outcomes, compile errors kept
apart with the compiler's codes, and the differential property harness."""

from __future__ import annotations

import pytest

from codecanary.types import Execution, Task
from reviewers.failures import classify
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import reference_files, run_tests

LANGS = ["cpp", "javascript", "java", "rust"]
ENTRY = {"cpp": "solution.cpp", "javascript": "solution.js", "java": "Solution.java",
         "rust": "solution.rs"}
BROKEN = {  # a compile (or syntax) error, and what the runner must keep of it
    "cpp": ("#include <vector>\n"
            "int count_in_range(const std::vector<int>& xs, int lo, int hi) { return n; }\n",
            "was not declared in this scope"),
    "javascript": ("function countInRange(xs, lo, hi) { return xs.filter(x => ; }", "SyntaxError"),
    "java": ("public class Solution { public static int countInRange(int[] xs, int lo, int hi)"
             " { return n; } }", "cant.resolve.location"),
    "rust": ("pub fn count_in_range(xs: &[i64], lo: i64, hi: i64) -> usize {\n"
             "    let v = xs.to_vec(); let w = v; v.len() + w.len()\n}\n", "E0382"),
}


def _by_name(e: Execution) -> dict[str, str]:
    return {t.name: t.outcome for t in e.tests}


@pytest.mark.parametrize("lang", LANGS)
def test_reference_passes_every_test_and_the_differential(
        sandbox: BwrapSandbox, lang_tasks: dict[str, Task], lang: str) -> None:
    e = run_tests(sandbox, lang_tasks[lang], reference_files(lang_tasks[lang]))
    assert e.passed, (e.stdout[-2000:], e.stderr[-2000:])
    outcomes = _by_name(e)
    assert outcomes.pop("differential") == "passed"
    assert len(outcomes) >= 2 and set(outcomes.values()) == {"passed"}


@pytest.mark.parametrize("lang", LANGS)
def test_mutant_fails_with_a_shrunk_counterexample(
        sandbox: BwrapSandbox, lang_tasks: dict[str, Task], lang: str) -> None:
    task = lang_tasks[lang]
    e = run_tests(sandbox, task, reference_files(task, "exclusive-hi"))
    assert not e.passed and not e.compile_error
    failed = {t.name: t.message for t in e.tests if t.outcome == "failed"}
    assert any("both" in n.lower() and "end" in n.lower() for n in failed), failed
    # hypothesis shrinks to the smallest input where the ends matter: lo = hi = x = 0.
    assert "counterexample: [0, 0, 0]" in failed["differential"]
    assert "the candidate answered 0, the reference answered 1" in failed["differential"]
    assert classify(e) == "wrong-answer"


@pytest.mark.parametrize("lang", LANGS)
def test_compile_error_is_reported_apart_with_its_code(
        sandbox: BwrapSandbox, lang_tasks: dict[str, Task], lang: str) -> None:
    source, kept = BROKEN[lang]
    e = run_tests(sandbox, lang_tasks[lang], {ENTRY[lang]: source})
    assert e.compile_error and not e.tests and not e.passed
    assert kept in e.stderr or kept in e.diagnostics, (e.stderr, e.diagnostics)
    assert classify(e).startswith("compile")


def test_rust_edition_comes_from_the_tests(lang_tasks: dict[str, Task]) -> None:
    from sandbox.runners.rust import RustRunner

    assert RustRunner().edition(lang_tasks["rust"]) == "2024"
    plan = RustRunner().plan(lang_tasks["rust"], reference_files(lang_tasks["rust"]))
    assert "--edition 2024" in plan.command[-1]


def test_crashing_cpp_test_is_an_error_not_a_pass(sandbox: BwrapSandbox,
                                                  lang_tasks: dict[str, Task]) -> None:
    crash = ("#include <vector>\n#include <cstdlib>\n"
             "int count_in_range(const std::vector<int>& xs, int lo, int hi) {\n"
             "    if (xs.size() == 4) std::abort();\n    int n = 0;\n"
             "    for (int x : xs) n += lo <= x && x <= hi;\n    return n;\n}\n")
    e = run_tests(sandbox, lang_tasks["cpp"], {"solution.cpp": crash})
    assert _by_name(e)["both_ends_count"] == "error" and not e.passed
