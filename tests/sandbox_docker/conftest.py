"""Fixtures for the docker backend's tests: a real Docker-API engine (Podman's service here).

The session fixture starts the engine with scripts/docker-engine.sh when nothing
answers (and stops the service it started at the end); the tests are skipped only
when podman cannot be installed on this machine.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox.base import SandboxError
from sandbox.docker import DockerSandbox

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "docker-engine.sh"


def _engine_url() -> str | None:
    """DOCKER_HOST of a ready engine and image, or None."""
    try:
        with DockerSandbox() as sb:
            return sb.base_url
    except SandboxError:
        return None


@pytest.fixture(scope="session")
def engine() -> Iterator[str]:
    url = _engine_url()
    started = False
    if url is None:
        proc = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True,
                              timeout=3600)
        if proc.returncode != 0:
            if shutil.which("podman") is None:
                pytest.skip(f"podman cannot be installed here: {proc.stderr[-500:]}")
            pytest.fail(f"scripts/docker-engine.sh failed:\n{proc.stderr[-2000:]}")
        url = proc.stdout.strip().splitlines()[-1].removeprefix("export DOCKER_HOST=")
        started = "starting podman system service" in proc.stderr
    yield url
    if started:
        subprocess.run(["bash", str(SCRIPT), "--stop"], check=False, timeout=60)


@pytest.fixture(scope="session")
def docker_sandbox(engine: str) -> Iterator[DockerSandbox]:
    with DockerSandbox(base_url=engine) as sb:
        yield sb
