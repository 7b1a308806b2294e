"""The runner contract, and running a task's tests through a runner and a sandbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from codecanary.registry import get
from codecanary.types import Execution, Files, Limits, Task
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
