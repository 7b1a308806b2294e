"""Fixtures of the reviewer tests: a small suite covering the four key fault operators."""

from __future__ import annotations

from pathlib import Path

import pytest

from codecanary.tasks import load_suite
from codecanary.types import Task

HERE = Path(__file__).resolve().parent
SUITE = [HERE / "fixtures", HERE.parent / "fixtures" / "mini_suite"]

collect_ignore_glob = ["fixtures/*"]  # task data: hidden tests run only inside the sandbox


@pytest.fixture(scope="session")
def review_tasks() -> dict[str, Task]:
    tasks, errors = load_suite(SUITE)
    assert not errors, errors
    return {t.name: t for t in tasks}
