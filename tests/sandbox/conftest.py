"""Fixtures of the sandbox tests: the per-language fixture suite and the backends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from codecanary.tasks import load_suite
from codecanary.types import Task
from tests.sandbox.hostile import HostileRunner

LANG_SUITE = Path(__file__).resolve().parents[1] / "fixtures" / "lang_suite"


@pytest.fixture(scope="session")
def lang_tasks() -> dict[str, Task]:
    """One count-in-range task per compiled language (C++, JavaScript, Java, Rust 2024)."""
    tasks, errors = load_suite([LANG_SUITE])
    assert not errors, errors
    return {t.language: t for t in tasks}


def available_backends() -> list[str]:
    """"bwrap" (warm Python slots) and "bwrap-cold" always; "docker" when its engine answers."""
    from codecanary.registry import get, names

    backends = ["bwrap", "bwrap-cold"]
    if "docker" in names("sandbox"):
        try:
            backend = get("sandbox", "docker")()
            ping = getattr(backend, "ping", None)
            if ping is None or ping() is not False:
                backends.append("docker")
        except Exception:  # no engine here: the docker half of the battery is skipped
            pass
    return backends


@pytest.fixture(scope="session", params=available_backends())
def backend(request: pytest.FixtureRequest) -> str:
    """Each available sandbox backend, by name."""
    return str(request.param)


@pytest.fixture()
def hostile(backend: str) -> Iterator[HostileRunner]:
    """An attack harness on ``backend``; checks afterwards that the host is clean."""
    if os.geteuid() != 0:
        pytest.skip("hostile tests need root (pid namespace and pids cgroup of their own)")
    runner = HostileRunner(backend)
    try:
        yield runner
        assert runner.leftovers() == []
        after = runner.run({"ok.py": "print('next run fine')"}, ["python3", "ok.py"])
        assert after.verdict == "ok" and after.stdout == "next run fine\n", after
    finally:
        runner.close()
