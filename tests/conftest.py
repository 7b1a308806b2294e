"""Shared fixtures. Tests run cheapest first: core, sandbox, agent, then whole-CLI runs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from codecanary.tasks import load_suite
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox
from sandbox.toolchains import clear_caches

ROOT = Path(__file__).resolve().parent.parent
MINI_SUITE = ROOT / "tests" / "fixtures" / "mini_suite"
SEED_TASKS = ROOT / "seed_tasks"
# Task fixtures hold their own hidden tests: they run in the sandbox, never collected here.
collect_ignore_glob = ["fixtures/*"]
ORDER = ["core", "generators", "reviewers", "report", "sandbox", "sandbox_docker", "assistants",
         "agent", "e2e"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "local_model: runs the real Qwen2.5-Coder-0.5B through llama-cpp-python")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Cheapest folders first (ORDER); tests of the real local model after all others."""
    def rank(item: pytest.Item) -> tuple[bool, int]:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        return (item.get_closest_marker("local_model") is not None,
                ORDER.index(parts[0]) if parts[0] in ORDER else len(ORDER))

    items.sort(key=rank)


@pytest.fixture(scope="session")
def sandbox() -> BwrapSandbox:
    return BwrapSandbox()


@pytest.fixture(scope="session")
def mini_tasks() -> list[Task]:
    tasks, errors = load_suite([MINI_SUITE])
    assert not errors, errors
    return tasks


@pytest.fixture(scope="session")
def py_task(mini_tasks: list[Task]) -> Task:
    return next(t for t in mini_tasks if t.language == "python")


@pytest.fixture(scope="session")
def rust_task(mini_tasks: list[Task]) -> Task:
    return next(t for t in mini_tasks if t.language == "rust")


def path_without(mirrors: Path, tools: set[str]) -> str:
    """$PATH with every directory holding one of ``tools`` replaced by a mirror of
    symlinks to everything else in it: the same machine, minus those tools."""
    dirs = []
    for i, entry in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
        src = Path(entry)
        if not any((src / t).exists() for t in tools):
            dirs.append(entry)
            continue
        mirror = mirrors / str(i)
        mirror.mkdir(parents=True)
        for item in src.iterdir():
            if item.name not in tools:
                (mirror / item.name).symlink_to(item)
        dirs.append(str(mirror))
    return os.pathsep.join(dirs)


@pytest.fixture()
def hide_tools(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Callable[..., None]]:
    """``hide_tools("node", ...)`` removes those tools from PATH (and drops JAVA_HOME) for
    the test, clearing the cached toolchain lookups; PATH and caches are restored after.
    Create sandboxes before hiding: a BwrapSandbox binds the toolchains it finds."""
    def hide(*tools: str) -> None:
        monkeypatch.setenv("PATH", path_without(tmp_path / "path", set(tools)))
        monkeypatch.delenv("JAVA_HOME", raising=False)
        clear_caches()

    yield hide
    monkeypatch.undo()
    clear_caches()
