"""Differential property testing for compiled (non-Python) tasks.

A task opts in with ``tests/differential.py`` (a hypothesis ``strategy``,
optionally ``max_examples`` and ``compare``) and a per-language JSON-lines
driver in ``tests/`` (see docs/task-format.md), named by the language's spec
(:attr:`codecanary.languages.LanguageSpec.driver`). The language runner adds the
step returned by :func:`step` after its own tests: inside the sandbox,
``harness.py`` builds candidate and reference once each with the driver, feeds
both the same generated inputs and reports a mismatch as a failed test named
``differential`` carrying hypothesis's shrunk counterexample.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files as _resources

from codecanary.languages import spec
from codecanary.types import Files, Task, TestOutcome
from sandbox.runners.base import overlay, parse_result_lines, test_files
from sandbox.toolchains import python_executable

SPEC = "differential.py"
RESULTS = ".cc/differential.tsv"
REF_DIR = ".ref"


@dataclass(frozen=True)
class Step:
    """What a runner adds for the differential test: files and one shell command."""

    files: Files
    command: str


def declared(task: Task) -> bool:
    """Whether ``task`` declares a differential test for its language."""
    driver = spec(task.language).driver
    return SPEC in task.tests and driver is not None and driver in task.tests


def step(task: Task, driver_files: Files, build: str, run: Sequence[str]) -> Step | None:
    """The differential step, or None when the task declares none.

    ``driver_files`` (e.g. a crate root mounting the entry point and the driver)
    are added to both the candidate's directory and the reference's copy under
    ``.ref/``; ``build`` runs in each, then ``run`` starts the driver in each.
    """
    if not declared(task):
        return None
    reference = overlay(task.workspace, task.reference, test_files(task), driver_files)
    config = {"build": build, "run": list(run)}
    files = overlay(
        driver_files,
        {f"{REF_DIR}/{name}": text for name, text in reference.items()},
        {"cc_differential.py": (_resources(__name__) / "harness.py").read_text("utf-8"),
         ".cc/differential.json": json.dumps(config)},
    )
    command = (f"{shlex.quote(python_executable())} -I cc_differential.py "
               f".cc/differential.json {RESULTS}")
    return Step(files, command)


def outcomes(artifacts: Files) -> tuple[TestOutcome, ...]:
    """The ``differential`` test outcome read back from the run's artifacts."""
    return parse_result_lines(artifacts.get(RESULTS, ""))
