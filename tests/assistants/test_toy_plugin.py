"""A new assistant is one module: a toy plug-in package from tests/ used end to end.

``tests/plugins/toyassistant`` is a separate package (its own pyproject.toml) whose one
module registers the ``echo-ref`` family and announces itself through the entry-point
group ``codecanary.plugins``. It is installed with pip into a scratch folder (no edit to
this repository, no import of it here) and then the real CLI, in a subprocess whose
path holds that folder, lists it and runs a short night with it in the bwrap sandbox.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codecanary.store import Store

ROOT = Path(__file__).resolve().parents[2]
TOY = ROOT / "tests" / "plugins" / "toyassistant"
TASKS = [ROOT / "seed_tasks" / "python" / "null-handling" / "json-merge-patch",
         ROOT / "seed_tasks" / "python" / "boundaries"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The toy package installed (from a copy, so no build files land in tests/)."""
    tmp = tmp_path_factory.mktemp("toy")
    src = shutil.copytree(TOY, tmp / "src")
    target = tmp / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(target), str(src)],
                   check=True, capture_output=True, text=True, timeout=300)
    return target


def _cli(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{ROOT}", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-c", "from codecanary.cli import main; main()", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_the_toy_family_is_unknown_without_its_package(tmp_path: Path) -> None:
    res = _cli(tmp_path / "nowhere", tmp_path, "assistants", "list")
    assert res.returncode == 0, res.stderr
    assert "echo-ref" not in res.stdout and "sim" in res.stdout


def test_installed_toy_is_listed_with_its_examples_and_status(site: Path, tmp_path: Path) -> None:
    res = _cli(site, tmp_path, "assistants", "list")
    assert res.returncode == 0, res.stderr
    (row,) = [line for line in res.stdout.splitlines() if line.startswith("│ echo-ref")]
    assert "echo-ref, echo-ref:<label>" in row and "yes" in row
    assert "answers with the reference solution" in row


def test_a_night_with_the_toy_passes_every_task_in_the_real_sandbox(
        site: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    tasks = [arg for p in TASKS for arg in ("--tasks", str(p))]
    res = _cli(site, tmp_path, "nightly", "--assistant", "echo-ref:toy", *tasks,
               "--samples", "1", "--sandbox", "bwrap", "--db", db, "--night", "2026-01-05",
               "--json", "n.json", "--report", "r.html")
    assert res.returncode == 0, res.stdout + res.stderr
    summary = json.loads((tmp_path / "n.json").read_text())
    assert summary["assistant"] == "echo-ref:toy" and summary["version"] == "echo-ref 0.1.0"
    assert summary["infra_errors"] == 0 and summary["attempts"] >= 2
    (camp,) = Store(db).campaigns("echo-ref:toy")
    rows = Store(db).results(camp.id)
    assert len(rows) == summary["attempts"]
    assert {r["area"] for r in rows} == {"null-handling", "boundaries"}
    assert all(r["passed"] and not r["infra_error"] for r in rows), rows
