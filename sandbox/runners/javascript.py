"""JavaScript runner: ``node --check`` on the entry point, then ``node --test`` with a
JUnit reporter for per-test outcomes (and the spec reporter on stdout for people)."""

from __future__ import annotations

import re
import shlex
from dataclasses import replace

from codecanary.languages import FailurePatterns, LanguageSpec, Toolchain
from codecanary.types import Execution, Files, Task
from sandbox import differential
from sandbox.runners.base import (
    COMPILE_FAILED,
    Plan,
    compile_step,
    language_runner,
    overlay,
    parse_junit,
    test_files,
    then_differential,
)
from sandbox.toolchains import install_root, node_path

TEST_FILE = re.compile(r"\.test\.[cm]?js$")
_SYNTAX = re.compile(r"^(\w*Error): (.*)$", re.M)


SPEC = LanguageSpec(
    name="javascript",
    extensions=("js", "mjs"),
    fence_tags=("javascript", "js", "node"),
    toolchain=Toolchain(
        "node", "the JavaScript toolchain", node_path, "`apt-get install nodejs`", r"node(js)?",
        mounts=lambda: install_root(node_path()),
        executables=lambda: tuple(filter(None, [node_path()]))),
    exec_command=lambda f, _mb: [node_path() or "node", f],
    image_tools={"node": "node", "nodejs": "node"},
    driver="driver.js",
    failures=FailurePatterns(null=r"Cannot read propert(y|ies) of (null|undefined)"),
)
"""JavaScript as it describes itself (see :class:`codecanary.languages.LanguageSpec`)."""


@language_runner(SPEC)
class JavaScriptRunner:
    """node's built-in test runner on the task's ``tests/*.test.js`` files."""

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Syntax-check the entry point (a compile error), then run the tests."""
        node = node_path() or "node"
        tests = sorted(f"tests/{n}" for n in task.tests if TEST_FILE.search(n))
        diff = differential.step(task, {}, "true", [node, "tests/driver.js"])
        tests_cmd = (f"{node} --test --test-reporter=spec --test-reporter-destination=stdout "
                     "--test-reporter=junit --test-reporter-destination=.cc/junit.xml "
                     + " ".join(map(shlex.quote, tests))) if tests else "true"
        script = (
            "mkdir -p .cc && "
            + compile_step(f"{node} --check {shlex.quote(task.entry_point)}", ".cc/compile.txt")
            + "; "
            + then_differential(tests_cmd, diff.command if diff else None)
        )
        files = overlay(task.workspace, candidate, test_files(task), diff.files if diff else {})
        return Plan(files, ["/bin/sh", "-c", script],
                    [".cc/compile.txt", ".cc/junit.xml", differential.RESULTS])

    def parse(self, execution: Execution) -> Execution:
        """The syntax error (with its error class as the code), or JUnit outcomes."""
        if execution.exit_code == COMPILE_FAILED and execution.verdict == "ok":
            text = execution.artifacts.get(".cc/compile.txt", "")
            codes = tuple(dict.fromkeys(m.group(1) for m in _SYNTAX.finditer(text)))
            return replace(execution, compile_error=True, diagnostics=codes,
                           stderr=text[:20000] or execution.stderr)
        tests = parse_junit(execution.artifacts.get(".cc/junit.xml", ""), with_class=False)
        return replace(execution, tests=tests + differential.outcomes(execution.artifacts))
