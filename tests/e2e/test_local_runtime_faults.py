"""The local model runtime crashes or hangs: one attempt's infra error, never the night's end.

The real Qwen2.5-Coder-0.5B runs in the real llama.cpp worker process; the worker
is replaced (``CODECANARY_LLAMA_WORKER``) by ``tests/fakes/crashing_llama_worker.py``,
the same worker with a real SIGSEGV (or a hang) on chosen chat calls.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assistants.llama_process import WORKER_ENV
from assistants.local import LocalAssistant, llama_version
from assistants.models import is_pulled
from codecanary.types import Task

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).parent / "codecanary")
CRASHER = ROOT / "tests" / "fakes" / "crashing_llama_worker.py"
MODEL = "qwen2.5-coder-0.5b"
SUITE = [ROOT / "seed_tasks" / "python" / "boundaries",
         ROOT / "seed_tasks" / "python" / "contextual-amnesia"]

pytestmark = [
    pytest.mark.local_model,
    pytest.mark.skipif(llama_version() is None or not is_pulled(MODEL),
                       reason=f"needs llama-cpp-python and `codecanary models pull {MODEL}`"),
]


def test_segfault_in_the_runtime_costs_one_attempt_and_the_night_goes_on(
        tmp_path: Path) -> None:
    env = {**os.environ, WORKER_ENV: f"{sys.executable} {CRASHER}",
           "CRASH_COUNTER": str(tmp_path / "calls"), "CRASH_CALLS": "2,3"}
    tasks = [arg for p in SUITE for arg in ("--tasks", str(p))]
    run = subprocess.run(
        [CLI, "nightly", "--assistant", f"local:{MODEL}?max_tokens=48", "--samples", "1",
         "--night", "2026-03-01", "--db", f"sqlite:///{tmp_path / 'n.db'}",
         "--json", "n.json", "--report", "n.html", *tasks],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    summary = json.loads((tmp_path / "n.json").read_text())
    n_tasks = sum(1 for p in SUITE for _ in p.glob("*/task.toml"))
    assert summary["attempts"] == n_tasks and summary["infra_errors"] == 1
    assert summary["trustworthy"]
    # Calls 2 and 3 (the second task's try and its retry) crashed; every other call ran.
    assert int((tmp_path / "calls").read_text()) == n_tasks + 1
    with sqlite3.connect(tmp_path / "n.db") as db:
        rows = db.execute("SELECT a.infra_error, e.failure_class FROM attempts a "
                          "JOIN executions e ON e.attempt_id = a.id").fetchall()
    infra = [r for r in rows if r[0]]
    assert len(infra) == 1 and "SIGSEGV" in infra[0][0], infra
    assert infra[0][1] == "infra"
    scored = [r for r in rows if not r[0]]
    assert len(scored) == n_tasks - 1 and all(r[1] != "infra" for r in scored)


def test_a_hung_runtime_is_killed_and_the_try_is_retried(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         py_task: Task) -> None:
    monkeypatch.setenv(WORKER_ENV, f"{sys.executable} {CRASHER}")
    monkeypatch.setenv("CRASH_COUNTER", str(tmp_path / "calls"))
    monkeypatch.setenv("HANG_CALLS", "1")
    from assistants.base import create

    local = create(f"local:{MODEL}?max_tokens=16&timeout=20")
    assert isinstance(local, LocalAssistant)
    att = local.attempt(py_task, 0, "2026-03-01")
    assert att.infra_error is None, att.infra_error
    assert att.meta["runtime_errors"] == "1" and att.completion_tokens > 0
    assert local._llm is not None and local._llm.restarts == 1
