"""The runner contract, and running a task's tests through a runner and a sandbox."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from codecanary.languages import LanguageSpec
from codecanary.registry import get, register
from codecanary.types import Execution, Files, Limits, Task, TestOutcome
from sandbox import toolchains
from sandbox.base import Sandbox


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


R = TypeVar("R")


def language_runner(spec: LanguageSpec) -> Callable[[R], R]:
    """Class decorator: register a runner as ``("runner", spec.name)`` and its spec as
    ``("language", spec.name)``, so that the language describes itself to the house."""

    def deco(cls: R) -> R:
        register("language", spec.name)(spec)
        return register("runner", spec.name)(cls)

    return deco


def test_files(task: Task) -> Files:
    """The task's hidden tests, placed under ``tests/`` in the work directory."""
    return {f"tests/{name}": text for name, text in task.tests.items()}


def overlay(*layers: Files) -> Files:
    """Later layers win: workspace, then candidate, then tests, then runner files."""
    out: Files = {}
    for layer in layers:
        out.update(layer)
    return out


def runner_for(language: str) -> Runner:
    """The registered runner of ``language``."""
    runner: Runner = get("runner", language)()
    return runner


def run_tests(
    sandbox: Sandbox, task: Task, candidate: Files, limits: Limits | None = None
) -> Execution:
    """Test ``candidate`` (files overlaid on the workspace) against ``task``'s hidden tests.

    A toolchain missing on the host (for a sandbox that uses the host's) is an
    infra error naming the tool and its install command, found before anything
    runs; one the sandbox's shell could not find while compiling is one too.
    """
    if sandbox.host_toolchains and (why := toolchains.missing(task.language)):
        return Execution(exit_code=-1, infra_error=why)
    runner = runner_for(task.language)
    plan = runner.plan(task, candidate)
    execution = sandbox.run(plan.files, plan.command, limits or task.limits,
                            collect=plan.collect, env=plan.env)
    if execution.infra_error:
        return execution
    if why := toolchain_not_found(task.language, execution):
        return replace(execution, infra_error=why)
    return runner.parse(execution)


def reference_files(task: Task, mutant: str | None = None) -> Files:
    """The reference solution, optionally with a hand-written mutant overlaid."""
    return overlay(task.reference, task.mutants[mutant] if mutant else {})


COMPILE_FAILED = 97
"""Exit status a runner's script uses when the compiler rejected the code."""

TOOL_NOT_FOUND = 96
"""Exit status a runner's script uses when the shell could not run the compiler itself."""

_SHELL_NOT_FOUND = re.compile(
    r"^\S*sh: (?:line )?(?:\d+: )?(\S+): (?:command )?not found\s*$", re.M)


def compile_step(command: str, output: str) -> str:
    """Shell: run the compile ``command`` with its errors in ``output``.

    A rejected build exits :data:`COMPILE_FAILED`. A compiler the shell cannot
    find or execute (status 127 or 126) exits :data:`TOOL_NOT_FOUND` with the
    shell's message on stderr instead: the environment's fault, not the code's.
    """
    return (f"{command} 2> {output} || {{ rc=$?; if [ $rc = 127 ] || [ $rc = 126 ]; then "
            f"cat {output} >&2; exit {TOOL_NOT_FOUND}; fi; exit {COMPILE_FAILED}; }}")


def compile_then_run(compile_cmd: str) -> list[str]:
    """``sh -c`` compiling the one source file named by ``$0`` to /tmp/prog, then running
    it: the ``sandbox exec`` command of a compiled language (append the file)."""
    return ["/bin/sh", "-c", f"{compile_cmd} -o /tmp/prog \"$0\" && exec /tmp/prog"]


def toolchain_not_found(language: str, execution: Execution) -> str | None:
    """The infra error of a compile step whose toolchain binary the shell did not find.

    Needs both the runner's exit status and the shell's ``sh: 1: X: not found``
    naming one of ``language``'s toolchain binaries, so a program that merely
    exits 96 is not mistaken for a missing toolchain.
    """
    if execution.exit_code != TOOL_NOT_FOUND or execution.verdict != "ok":
        return None
    for m in _SHELL_NOT_FOUND.finditer(execution.stderr):
        if toolchains.is_binary(language, m.group(1)):
            return (f"the sandbox's shell did not find {m.group(1)} when compiling: "
                    + toolchains.install_hint(language))
    return None


def parse_junit(xml: str, *, with_class: bool = True) -> tuple[TestOutcome, ...]:
    """Per-test outcomes from a JUnit XML report (pytest, node --test)."""
    tests: list[TestOutcome] = []
    try:
        root = ET.fromstring(xml) if xml else None
    except ET.ParseError:
        root = None
    if root is None:
        return ()
    for case in root.iter("testcase"):
        name = case.get("name", "")
        if with_class:
            name = f"{case.get('classname', '')}::{name}".strip(":")
        outcome = "passed"
        message = ""
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[child.tag]
                message = (child.get("message") or "") + "\n" + (child.text or "")
        tests.append(TestOutcome(name, outcome, message.strip()[:4000]))  # type: ignore[arg-type]
    return tuple(tests)


def parse_result_lines(text: str) -> tuple[TestOutcome, ...]:
    """Outcomes from the result file of the shipped C++ and Java harnesses.

    One tab-separated line per event: ``start<TAB>name`` before a test, then
    ``passed|failed|error|skipped<TAB>name<TAB>message`` after it. A test that
    started and never finished crashed the process: it is an ``error``.
    """
    done: dict[str, TestOutcome] = {}
    started: list[str] = []
    for line in text.splitlines():
        parts = line.split("\t", 2)
        if len(parts) < 2:
            continue
        status, name = parts[0], parts[1]
        message = parts[2].replace("\\n", "\n") if len(parts) > 2 else ""
        if status == "start":
            started.append(name)
        elif status in ("passed", "failed", "error", "skipped"):
            done[name] = TestOutcome(name, status, message[:4000])  # type: ignore[arg-type]
    for name in started:
        if name not in done:
            done[name] = TestOutcome(name, "error", "the test crashed the process")
    return tuple(done.values())


def then_differential(run_tests_cmd: str, differential_cmd: str | None) -> str:
    """Shell tail: run the tests, then the differential step if any; fail if either fails."""
    if differential_cmd is None:
        return f"exec {run_tests_cmd}"
    return f"{run_tests_cmd}; rc=$?; {differential_cmd} || rc=1; exit $rc"
