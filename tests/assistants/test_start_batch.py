"""AnthropicAssistant.start_batch: the Batching capability --batch asks of an assistant."""

from __future__ import annotations

from pathlib import Path

import anthropic
import pytest

from assistants.anthropic_api import AnthropicAssistant
from assistants.base import BatchError, Batching
from assistants.base import create as create_assistant
from codecanary.store import Store
from codecanary.types import Task
from tests.fakes.anthropic_server import FakeAnthropic, server_error

MODEL = "claude-haiku-4-5"
NIGHT = "2026-01-03"


def _assistant(fake: FakeAnthropic, retries: int = 5) -> AnthropicAssistant:
    client = anthropic.Anthropic(base_url=fake.url, api_key="k", max_retries=0)
    return AnthropicAssistant(MODEL, client, sleep=lambda s: None, backoff_s=0.01,
                              retries=retries)


def test_start_batch_submits_then_a_restart_adopts_the_same_batch(
        tmp_path: Path, py_task: Task) -> None:
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    items = [(py_task, 0), (py_task, 1)]
    with FakeAnthropic(batch_polls=0) as fake:
        first = _assistant(fake)
        assert isinstance(first, Batching)
        entry = first.start_batch(store, NIGHT, items)
        assert entry["id"].startswith("msgbatch_") and entry["capped"] == []
        assert first.batch is not None and first.batch.id == entry["id"]
        # the interrupted run recorded its batch; a restart of the same night adopts it
        store.start_campaign("nightly", NIGHT, first.id, MODEL, {"batch": entry})
        again = _assistant(fake)
        assert again.start_batch(store, NIGHT, items) == entry
        assert again.batch is not None and again.batch.id == entry["id"]
        assert len(fake.batches) == 1
        # other items (another key) are a new batch, not an adoption
        other = _assistant(fake).start_batch(store, NIGHT, items[:1])
        assert other["id"] != entry["id"] and other["key"] != entry["key"]
        assert len(fake.batches) == 2


def test_start_batch_that_cannot_submit_raises_batch_error(py_task: Task, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    with FakeAnthropic(batch_polls=0) as fake:
        fake.inject("POST", "/v1/messages/batches", *[server_error()] * 3)
        with pytest.raises(BatchError, match="could not submit the batch"):
            _assistant(fake, retries=2).start_batch(store, NIGHT, [(py_task, 0)])
        assert not fake.batches


def test_only_batching_families_say_so() -> None:
    from assistants.family import families

    fams = families()
    assert fams["anthropic"].capabilities.batch and fams["anthropic"].capabilities.cost
    assert not fams["sim"].capabilities.batch
    assert not isinstance(create_assistant("sim"), Batching)
