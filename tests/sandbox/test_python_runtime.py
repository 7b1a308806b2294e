"""Python in the sandbox runs on its own locked runtime (.venv-sandbox, requirements/
sandbox-python.lock), never on the project's venv: the code under test can import pytest
and hypothesis and nothing of the project's dependencies (issue 13). Real bwrap runs."""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from codecanary.types import Limits, Task
from reviewers.failures import classify
from sandbox import toolchains
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import reference_files, run_tests
from sandbox.runners.python import PythonRunner

PROJECT_VENV = os.path.realpath(sys.prefix)
PROJECT_ONLY = ("sqlalchemy", "anthropic", "langgraph", "networkx", "docker", "codecanary")

PROBE = f'''
import importlib, os, sys


def imports():
    """name -> the exception type importing it raised, or "ok"."""
    out = {{}}
    for name in {[*PROJECT_ONLY, "pytest", "hypothesis"]!r}:
        try:
            importlib.import_module(name)
            out[name] = "ok"
        except Exception as exc:
            out[name] = type(exc).__name__
    return out


def where():
    return sys.prefix, sys.executable, os.path.exists({PROJECT_VENV!r})
'''


def probe_tests(prefix: str) -> str:
    """Hidden tests that check, from inside the runner's pytest, what probe.py found;
    ``prefix`` is the sandbox runtime's venv."""
    return f'''
import pytest
from probe import imports, where


@pytest.mark.parametrize("name", {list(PROJECT_ONLY)!r})
def test_project_packages_are_not_importable(name):
    assert imports()[name] == "ModuleNotFoundError"


def test_pytest_and_hypothesis_are_importable():
    assert imports()["pytest"] == imports()["hypothesis"] == "ok"


def test_not_the_project_venv():
    prefix, executable, project_venv_visible = where()
    assert prefix == {prefix!r}
    for path in (prefix, executable):
        assert path != {PROJECT_VENV!r} and not path.startswith({PROJECT_VENV + "/"!r})
    assert not project_venv_visible
'''


@pytest.fixture(autouse=True)
def _runtime() -> None:
    if toolchains.python_runtime() is None:
        pytest.fail(toolchains.install_hint("python"))


def test_candidate_imports_only_pytest_and_hypothesis(sandbox: BwrapSandbox,
                                                      py_task: Task) -> None:
    for name in PROJECT_ONLY:  # so the test means something: the host venv has them all
        assert importlib.util.find_spec(name) is not None, name
    layout = toolchains.python_layout()
    assert layout is not None
    task = dataclasses.replace(py_task, tests={"test_probe.py": probe_tests(layout.prefix)})
    e = run_tests(sandbox, task, {**reference_files(py_task), "probe.py": PROBE})
    assert e.infra_error is None, e.infra_error
    outcomes = {t.name.split("::")[-1]: t.outcome for t in e.tests}
    assert len(outcomes) == len(PROJECT_ONLY) + 2, (e.stdout[-3000:], e.stderr[-3000:])
    assert set(outcomes.values()) == {"passed"}, (outcomes, e.stdout[-3000:])
    assert e.passed


def test_the_runner_names_the_sandbox_runtime(py_task: Task) -> None:
    command = PythonRunner().plan(py_task, reference_files(py_task)).command
    assert command[0] == toolchains.python_executable() != sys.executable
    assert not os.path.realpath(command[0]).startswith(f"{PROJECT_VENV}/")
    assert PROJECT_VENV not in toolchains.toolchain_paths()


def test_bare_python3_is_the_runtime_and_the_base_site_packages_is_hidden(
        sandbox: BwrapSandbox) -> None:
    layout = toolchains.python_layout()
    assert layout is not None
    code = ("import subprocess, sys\nprint(sys.prefix)\n"
            f"for p in {list(layout.site_packages)!r}:\n    print('SITE', p, __import__('os')"
            ".listdir(p))\n")
    e = sandbox.run({"a.py": code}, ["python3", "a.py"], Limits(time_s=20))
    assert e.exit_code == 0, e.stderr
    assert e.stdout.splitlines()[0] == layout.prefix
    for p in toolchains.hidden_paths():
        assert f"SITE {p} []" in e.stdout


@pytest.fixture()
def no_runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The sandbox's Python runtime is missing (the override names a path that is not there)."""
    monkeypatch.setenv(toolchains.SANDBOX_PYTHON_ENV, str(tmp_path / "gone/bin/python"))
    toolchains.clear_caches()
    yield
    monkeypatch.undo()
    toolchains.clear_caches()


def test_a_missing_runtime_is_infra_naming_the_command(sandbox: BwrapSandbox, py_task: Task,
                                                       no_runtime: None) -> None:
    e = run_tests(sandbox, py_task, reference_files(py_task))
    assert e.infra_error is not None and not e.tests, e
    assert "the sandbox's Python runtime" in e.infra_error
    assert "-r requirements/sandbox-python.lock" in e.infra_error
    assert "scripts/bootstrap.sh" in e.infra_error
    assert classify(e) == "infra"
