"""Shared fixtures. Tests run cheapest first: core, sandbox, agent, then whole-CLI runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from codecanary.tasks import load_suite
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox

ROOT = Path(__file__).resolve().parent.parent
MINI_SUITE = ROOT / "tests" / "fixtures" / "mini_suite"
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
