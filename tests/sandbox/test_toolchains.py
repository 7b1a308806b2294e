"""A missing toolchain is the environment's fault: an infra error naming the tool and the
command that installs it, never a compile failure of the assistant (issue 12).

Tools are hidden by rebuilding PATH without them (tests.conftest.hide_tools); the runs
use the real bwrap sandbox and real seed tasks.
"""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from codecanary.cli import cli
from codecanary.tasks import load_task
from codecanary.types import Task
from reviewers.failures import classify
from sandbox import toolchains
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import reference_files, run_tests
from tests.conftest import SEED_TASKS

# language -> (a seed task, the tools to hide, words the error must name)
CASES = {
    "javascript": ("javascript/boundaries/chunk-range", ("node", "nodejs"),
                   ("node", "apt-get install nodejs")),
    "java": ("java/boundaries/window-max", ("javac",),
             ("javac", "apt-get install openjdk-17-jdk-headless")),
}


def _seed(language: str) -> Task:
    return load_task(SEED_TASKS / CASES[language][0])


def _installed(language: str) -> None:
    if toolchains.missing(language):
        pytest.skip(f"this machine lacks the {language} toolchain itself")


def test_missing_names_the_tool_and_its_install_command(
        hide_tools: Callable[..., None]) -> None:
    _installed("javascript")
    assert toolchains.missing("javascript") is None
    hide_tools("node", "nodejs")
    why = toolchains.missing("javascript")
    assert why is not None and why.startswith("node (the JavaScript toolchain) is not installed")
    assert "`apt-get install nodejs`" in why and "scripts/bootstrap.sh" in why
    assert toolchains.missing("python") is None and toolchains.missing("cobol") is None


@pytest.mark.parametrize("language", sorted(CASES))
def test_attempt_without_the_toolchain_is_infra_not_compile(
        sandbox: BwrapSandbox, hide_tools: Callable[..., None], language: str) -> None:
    _installed(language)
    task = _seed(language)
    hide_tools(*CASES[language][1])
    e = run_tests(sandbox, task, reference_files(task))
    assert e.infra_error is not None and not e.compile_error, e
    for word in CASES[language][2]:
        assert word in e.infra_error, e.infra_error
    assert classify(e) == "infra"


def test_toolchain_gone_after_lookup_is_infra(
        sandbox: BwrapSandbox, hide_tools: Callable[..., None], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: the lookup found node, but the box's shell cannot run it (exit 127
    in the compile step). A stale cached path is the real-world case."""
    _installed("javascript")
    task = _seed("javascript")
    stale = tmp_path / "gone" / "bin"
    stale.mkdir(parents=True)
    (stale / "node").write_text("#!/bin/sh\nexit 0\n")
    (stale / "node").chmod(stat.S_IRWXU)
    hide_tools()  # nothing hidden: only for the caches to be cleared after the test
    monkeypatch.setenv("PATH", f"{stale}{os.pathsep}{os.environ['PATH']}")
    toolchains.clear_caches()
    assert toolchains.missing("javascript") is None  # found on the host, not in the box
    e = run_tests(sandbox, task, reference_files(task))
    assert e.infra_error is not None and not e.compile_error, e
    assert f"did not find {stale}/node" in e.infra_error
    assert "apt-get install nodejs" in e.infra_error
    assert classify(e) == "infra"


def test_a_program_exiting_like_a_missing_tool_is_not_infra(sandbox: BwrapSandbox) -> None:
    """Exit status 96 alone (no shell "not found" of a toolchain binary) stays the code's."""
    if toolchains.missing("cpp"):
        pytest.skip("no g++ here")
    seed = load_task(SEED_TASKS / "cpp/boundaries/sorted-bounds")
    # without its differential step, the script's status is the test binary's own
    task = dataclasses.replace(seed, tests={k: v for k, v in seed.tests.items()
                                            if k != "differential.py"})
    entry = task.reference[task.entry_point]
    exits = entry + "\n#include <cstdlib>\nstatic int cc_exit_early = (std::exit(96), 0);\n"
    e = run_tests(sandbox, task, {task.entry_point: exits})
    assert e.exit_code == 96 and e.infra_error is None and not e.passed, e
    assert classify(e) not in ("infra", None)


def test_sandbox_exec_says_the_toolchain_is_missing(
        tmp_path: Path, hide_tools: Callable[..., None]) -> None:
    (tmp_path / "a.js").write_text("console.log('hi');\n")
    hide_tools("node", "nodejs")
    result = CliRunner().invoke(cli, ["sandbox", "exec", "--lang", "javascript",
                                      str(tmp_path / "a.js")])
    assert result.exit_code == 1, result.output
    assert "node (the JavaScript toolchain) is not installed" in result.output
    assert "apt-get install nodejs" in result.output


def test_tasks_validate_reports_unchecked_tasks(hide_tools: Callable[..., None]) -> None:
    hide_tools("javac")
    folder = SEED_TASKS / CASES["java"][0]
    result = CliRunner().invoke(cli, ["tasks", "validate", "--json", str(folder)])
    assert result.exit_code == 2, result.output
    assert "cannot check 1 java task(s): javac (the Java toolchain" in result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and rows[0]["valid"] is None and not rows[0]["checked"]
    assert "apt-get install openjdk-17-jdk-headless" in rows[0]["reasons"][0]
