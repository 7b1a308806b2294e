"""Fixtures of the sandbox tests: the per-language fixture suite and the backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from codecanary.tasks import load_suite
from codecanary.types import Task

LANG_SUITE = Path(__file__).resolve().parents[1] / "fixtures" / "lang_suite"


@pytest.fixture(scope="session")
def lang_tasks() -> dict[str, Task]:
    """One count-in-range task per compiled language (C++, JavaScript, Java, Rust 2024)."""
    tasks, errors = load_suite([LANG_SUITE])
    assert not errors, errors
    return {t.language: t for t in tasks}
