"""A campaign killed with SIGKILL mid-way and resumed ends with exactly the attempts of an
uninterrupted run with the same seed: none lost, none done twice.

Both runs go through the real CLI (`nightly --budget`, then `resume`), the real
sandbox and SQLite. The interrupted run is killed (the whole process group)
once a few of its attempts are stored, while later ones are still to come.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).parent / "codecanary")
SUITE = [ROOT / "tests" / "fixtures" / "mini_suite" / "rust",
         ROOT / "tests" / "fixtures" / "lang_suite" / "rust"]
BUDGET = 10


def _args(db: Path) -> list[str]:
    tasks = [arg for p in SUITE for arg in ("--tasks", str(p))]
    return [CLI, "nightly", "--night", "2026-01-05", "--samples", "1", "--budget", str(BUDGET),
            "--seed", "42", "--db", f"sqlite:///{db}", "--report", str(db.with_suffix(".html")),
            *tasks]


def _attempts(db: Path) -> list[tuple[str, int]]:
    if not db.exists():
        return []
    with sqlite3.connect(db, timeout=30) as conn:
        try:
            return sorted(conn.execute("SELECT task_id, sample FROM attempts"))
        except sqlite3.OperationalError:  # tables not created yet
            return []


def _status(db: Path) -> str:
    with sqlite3.connect(db, timeout=30) as conn:
        return str(conn.execute("SELECT status FROM campaigns WHERE id = 1").fetchone()[0])


def test_sigkilled_campaign_resumes_without_losing_or_repeating_attempts(
        tmp_path: Path) -> None:
    whole = tmp_path / "whole.db"
    ref = subprocess.run(_args(whole), cwd=tmp_path, capture_output=True, text=True,
                         timeout=900)
    assert ref.returncode in (0, 1), ref.stdout + ref.stderr
    expected = _attempts(whole)
    assert len(expected) == BUDGET == len(set(expected))

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(_args(killed), cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 600
    while len(_attempts(killed)) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _attempts(killed)
    assert proc.returncode == -signal.SIGKILL
    assert 4 <= len(before) < BUDGET, before
    assert _status(killed) == "running"

    res = subprocess.run([CLI, "resume", "1", "--db", f"sqlite:///{killed}"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=900)
    assert res.returncode in (0, 1), res.stdout + res.stderr
    after = _attempts(killed)
    assert after == expected  # the same (task, sample) identities, each exactly once
    assert set(before) <= set(after)
    assert _status(killed) == "done"
    again = subprocess.run([CLI, "resume", "1", "--db", f"sqlite:///{killed}"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "already finished" in again.stderr
    assert _attempts(killed) == expected
