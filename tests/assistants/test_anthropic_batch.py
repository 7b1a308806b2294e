"""anthropic --batch: one Message Batch per night, answered at half price, adopted on restart."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import anthropic
import pytest
from click.testing import CliRunner

from assistants.anthropic_api import AnthropicAssistant
from assistants.anthropic_batch import submit
from codecanary.cli import cli
from codecanary.store import Store
from codecanary.types import Task
from tests.fakes.anthropic_server import FakeAnthropic, Reply, overloaded, server_error

ROOT = Path(__file__).resolve().parents[2]
PY_SUITE = ROOT / "tests/fixtures/mini_suite/python"
MODEL = "claude-haiku-4-5"


@pytest.fixture()
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(batch_polls=2) as f:
        yield f


def answer(task: Task) -> str:
    return f"```python\n{task.reference[task.entry_point]}```\n"


def test_batch_answers_at_half_price_and_errored_requests_fall_back(
        fake: FakeAnthropic, py_task: Task) -> None:
    fake.enqueue(Reply(text=answer(py_task), input_tokens=1000, output_tokens=400),
                 overloaded(),  # the second batch request errors ...
                 Reply(text=answer(py_task), input_tokens=1000, output_tokens=400))  # ... direct
    sleeps: list[float] = []
    client = anthropic.Anthropic(base_url=fake.url, api_key="k", max_retries=0)
    a = AnthropicAssistant(MODEL, client, sleep=sleeps.append, backoff_s=0.01)
    run = submit(a, [(py_task, 0), (py_task, 1)], poll_s=7.0)
    assert run.id.startswith("msgbatch_") and a.batch is run
    first = a.attempt(py_task, 0, "2026-01-01")
    second = a.attempt(py_task, 1, "2026-01-01")
    assert first.infra_error is None and first.meta["batch_id"] == run.id
    assert first.meta["price"] == "batch"
    assert first.cost_usd == pytest.approx((1000 * 1 + 400 * 5) / 1e6 / 2)
    assert first.files[py_task.entry_point] == py_task.reference[py_task.entry_point]
    assert second.infra_error is None and second.meta["price"] == "list"
    assert second.meta["batch_error"] == "errored (overloaded_error)"
    assert sleeps == [7.0, 7.0]  # polled until the batch ended
    paths = [p.split(" ")[0] + " " + p.split(" ")[1].split("/msgbatch")[0] for p in fake.paths()]
    assert paths.count("POST /v1/messages/batches") == 1
    assert paths.count("POST /v1/messages") == 1


def test_batch_control_calls_are_retried(fake: FakeAnthropic, py_task: Task) -> None:
    fake.inject("POST", "/v1/messages/batches", server_error())
    fake.inject("GET", "/v1/messages/batches/", overloaded())
    fake.enqueue(Reply(text=answer(py_task)))
    client = anthropic.Anthropic(base_url=fake.url, api_key="k", max_retries=0)
    a = AnthropicAssistant(MODEL, client, sleep=lambda s: None, backoff_s=0.01)
    submit(a, [(py_task, 0)], poll_s=0.0)
    att = a.attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is None and att.meta["price"] == "batch"


def test_nightly_batch_is_adopted_by_a_restarted_run(
        tmp_path: Path, py_task: Task, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
    db = f"sqlite:///{tmp_path / 'n.db'}"
    args = ["nightly", "--assistant", f"anthropic:{MODEL}", "--batch", "--db", db,
            "--night", "2026-01-02", "--samples", "2", "--tasks", str(PY_SUITE),
            "--report", str(tmp_path / "r.html")]
    with FakeAnthropic(default=Reply(text=answer(py_task)), batch_polls=0) as fake:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)

        def power_cut(*a: object, **k: object) -> None:
            raise RuntimeError("power cut")

        with monkeypatch.context() as m:  # run 1 submits the batch, then dies
            m.setattr(sys.modules["agent.opening"], "run_campaign", power_cut)
            first = CliRunner().invoke(cli, args)
        assert isinstance(first.exception, RuntimeError)
        assert len(fake.batches) == 1
        (batch_id,) = fake.batches
        second = CliRunner().invoke(cli, args)  # run 2 adopts it: no second batch
        assert second.exit_code == 0, second.output
        assert len(fake.batches) == 1 and "adopting batch" in second.output
        assert fake.paths().count("POST /v1/messages") == 0
    store = Store(db)
    camps = store.campaigns(f"anthropic:{MODEL}")
    assert [c.status for c in camps] == ["failed", "done"]
    assert camps[0].config["batch"]["id"] == camps[1].config["batch"]["id"] == batch_id
    rows = store.results(camps[1].id)
    assert len(rows) == 2 and all(r["passed"] and not r["infra_error"] for r in rows)


def test_nightly_flags_refuse_assistants_without_cost_or_batches(tmp_path: Path) -> None:
    base = ["nightly", "--assistant", "sim", "--db", f"sqlite:///{tmp_path / 'x.db'}",
            "--tasks", str(PY_SUITE)]
    capped = CliRunner().invoke(cli, [*base, "--cost-cap", "1"])
    assert capped.exit_code == 2 and "does not report cost" in capped.output
    batched = CliRunner().invoke(cli, [*base, "--batch"])
    assert batched.exit_code == 2 and "no batch API" in batched.output
