"""The store round-trips a campaign on a real SQLite database (WAL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from codecanary.store import Store
from codecanary.types import Attempt, Execution, Task, TestOutcome


def test_campaign_round_trip(tmp_path: Path, mini_tasks: list[Task]) -> None:
    url = f"sqlite:///{tmp_path / 'cc.db'}"
    store = Store(url)
    store.save_tasks(mini_tasks)
    store.save_tasks(mini_tasks)  # idempotent
    cid = store.start_campaign("nightly", "2026-01-01", "sim", "baseline@1", {"samples": 1})
    task = mini_tasks[0]
    attempt = Attempt(task_id=task.id, assistant="sim", version="baseline@1", sample=0,
                      files={"solution.py": "x = 1\n"}, prompt_tokens=3, cost_usd=0.5)
    execution = Execution(exit_code=1, tests=(TestOutcome("t::a", "failed", "boom"),),
                          failure_class="wrong-answer", stdout="out")
    store.record(cid, attempt, execution)
    store.finish_campaign(cid, "done", {"degraded": False})

    again = Store(url)  # a new connection sees everything
    rows = again.results(cid)
    assert len(rows) == 1
    row = rows[0]
    assert row["task_id"] == task.id and row["passed"] is False
    assert row["failure_class"] == "wrong-answer" and row["files"] == {"solution.py": "x = 1\n"}
    assert row["cost_usd"] == 0.5 and row["tokens"] == 3
    assert again.done_keys(cid) == {(task.id, 0)}
    camp = again.campaign(cid)
    assert camp.status == "done" and camp.summary == {"degraded": False}
    assert again.previous_campaign("sim", "2026-01-02") == cid
    assert again.previous_campaign("sim", "2026-01-01") is None
    with again.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
