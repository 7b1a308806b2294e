"""Language runners: how to test a candidate in a sandbox and read the results back.

A runner turns (task, candidate files) into a work directory and a command,
and reads structured per-test outcomes from what the command leaves. Compile
errors are reported apart from test failures, keeping the compiler's codes.
Runners register as ``("runner", language)``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from codecanary.registry import get, register
from codecanary.types import Execution, Files, Limits, Task, TestOutcome
from sandbox.base import Sandbox
from sandbox.toolchains import python_executable, rustc_path


@dataclass(frozen=True)
class Plan:
    """Everything a sandbox needs for one test run."""

    files: Files
    command: list[str]
    collect: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)


class Runner(Protocol):
    """Builds a test run for one language and parses its results."""

    def plan(self, task: Task, candidate: Files) -> Plan:
        """The work directory and command that test ``candidate`` against ``task``."""
        ...

    def parse(self, execution: Execution) -> Execution:
        """Fill in per-test outcomes, compile errors and diagnostics."""
        ...


def test_files(task: Task) -> Files:
    """The task's hidden tests, placed under ``tests/`` in the work directory."""
    return {f"tests/{name}": text for name, text in task.tests.items()}


def overlay(*layers: Files) -> Files:
    """Later layers win: workspace, then candidate, then tests, then runner files."""
    out: Files = {}
    for layer in layers:
        out.update(layer)
    return out


PY_CONFTEST = '''\
from hypothesis import HealthCheck, settings

settings.register_profile(
    "codecanary", deadline=None, database=None, print_blob=False,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("codecanary")
'''


@register("runner", "python")
class PythonRunner:
    """pytest + hypothesis, per-test outcomes from JUnit XML."""

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Overlay the candidate on the workspace and run ``pytest tests/``."""
        files = overlay(task.workspace, candidate, test_files(task), {"conftest.py": PY_CONFTEST})
        cmd = [python_executable(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-o", "junit_family=xunit2", "--junitxml=.cc/junit.xml", "tests"]
        return Plan(files, cmd, [".cc/junit.xml"], {"PYTHONDONTWRITEBYTECODE": "1"})

    def parse(self, execution: Execution) -> Execution:
        """Read per-test outcomes from the JUnit report; no report means nothing ran."""
        xml = execution.artifacts.get(".cc/junit.xml", "")
        tests: list[TestOutcome] = []
        try:
            root = ET.fromstring(xml) if xml else None
        except ET.ParseError:
            root = None
        if root is not None:
            for case in root.iter("testcase"):
                name = f"{case.get('classname', '')}::{case.get('name', '')}".strip(":")
                outcome = "passed"
                message = ""
                for child in case:
                    if child.tag in ("failure", "error", "skipped"):
                        outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[
                            child.tag]
                        message = (child.get("message") or "") + "\n" + (child.text or "")
                tests.append(TestOutcome(name, outcome, message.strip()[:4000]))  # type: ignore[arg-type]
        compile_error = "SyntaxError" in execution.stdout and "ERROR collecting" in execution.stdout
        return replace(execution, tests=tuple(tests), compile_error=compile_error)


RUST_ROOT = """\
#![allow(dead_code, unused_imports, unused_variables)]
#[path = "{entry}"] pub mod solution;
#[cfg(test)] #[path = "tests/tests.rs"] mod tests;
"""
COMPILE_FAILED = 97
_RUST_TEST = re.compile(r"^test (\S+) \.\.\. (ok|FAILED|ignored)", re.MULTILINE)
_RUST_STDOUT = re.compile(r"^---- (\S+) stdout ----\n(.*?)(?=^---- |\Z|^failures:)", re.M | re.S)


@register("runner", "rust")
class RustRunner:
    """rustc --test on a crate root that mounts the entry point and the tests."""

    edition = "2021"

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Compile with JSON diagnostics to .cc/rustc.json, then run the test binary."""
        rustc = rustc_path() or "rustc"
        root = RUST_ROOT.format(entry=task.entry_point)
        files = overlay(task.workspace, candidate, test_files(task), {"cc_root.rs": root})
        script = (
            f"mkdir -p .cc && {rustc} --edition {self.edition} --test -C debuginfo=0 "
            f"--error-format=json -o .cc/t cc_root.rs 2> .cc/rustc.json "
            f"|| exit {COMPILE_FAILED}; exec ./.cc/t --test-threads=2"
        )
        return Plan(files, ["/bin/sh", "-c", script], [".cc/rustc.json"])

    def parse(self, execution: Execution) -> Execution:
        """Compiler diagnostics (with E-codes) or libtest's per-test lines."""
        if execution.exit_code == COMPILE_FAILED and execution.verdict == "ok":
            codes: list[str] = []
            messages: list[str] = []
            for line in execution.artifacts.get(".cc/rustc.json", "").splitlines():
                try:
                    diag = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if diag.get("level") == "error":
                    code = (diag.get("code") or {}).get("code")
                    if code:
                        codes.append(code)
                    messages.append(diag.get("rendered") or diag.get("message", ""))
            return replace(
                execution, compile_error=True, diagnostics=tuple(dict.fromkeys(codes)),
                stderr=("\n".join(messages) or execution.stderr)[:20000],
            )
        details = {m.group(1): m.group(2).strip() for m in _RUST_STDOUT.finditer(execution.stdout)}
        tests = tuple(
            TestOutcome(
                name,
                {"ok": "passed", "FAILED": "failed", "ignored": "skipped"}[status],  # type: ignore[arg-type]
                details.get(name, "")[:4000],
            )
            for name, status in _RUST_TEST.findall(execution.stdout)
        )
        return replace(execution, tests=tests)


def runner_for(language: str) -> Runner:
    """The registered runner of ``language``."""
    runner: Runner = get("runner", language)()
    return runner


def run_tests(
    sandbox: Sandbox, task: Task, candidate: Files, limits: Limits | None = None
) -> Execution:
    """Test ``candidate`` (files overlaid on the workspace) against ``task``'s hidden tests."""
    runner = runner_for(task.language)
    plan = runner.plan(task, candidate)
    execution = sandbox.run(plan.files, plan.command, limits or task.limits,
                            collect=plan.collect, env=plan.env)
    if execution.infra_error:
        return execution
    return runner.parse(execution)


def reference_files(task: Task, mutant: str | None = None) -> Files:
    """The reference solution, optionally with a hand-written mutant overlaid."""
    return overlay(task.reference, task.mutants[mutant] if mutant else {})


def languages() -> Sequence[str]:
    """Languages with a registered runner."""
    from codecanary.registry import names

    return names("runner")
