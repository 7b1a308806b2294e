"""A whole nightly run of ``anthropic:<model>`` as one Message Batch (half price).

How it fits the campaign graph: before the graph starts, ``codecanary nightly
--batch`` calls :func:`submit` with every (task, sample) of the night, which
sends one ``messages.batches.create`` and installs a :class:`BatchRun` on the
assistant. The graph then runs unchanged: the first ``attempt`` call blocks,
polling ``messages.batches.retrieve`` until the batch has ended, reads all
results once (``messages.batches.results``), and every later ``attempt`` is
answered from them. The batch id goes into the campaign's config
(``config["batch"]``) with a key of what was asked (assistant, model
parameters, tasks, samples); a restarted run of the same night finds it with
:func:`find_resumable` and adopts the batch (:func:`adopt`) instead of paying
for a second one.

Requests that would pass the cost cap are not submitted (``cost cap
reached``). Requests the batch reports as errored, expired or canceled are
infra failures of the batch, not of the model: they are retried once through
the ordinary Messages API (full price, with its own retries).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assistants.base import GaveUp
from assistants.pricing import COST_CAP_REACHED
from codecanary.store import Store
from codecanary.types import Attempt, Task

if TYPE_CHECKING:
    from assistants.anthropic_api import AnthropicAssistant

log = logging.getLogger(__name__)

DEFAULT_POLL_S = 30.0
DEFAULT_MAX_WAIT_S = 26 * 3600.0  # batches end within 24 h; a little slack for polling


def custom_id(task_id: str, sample: int) -> str:
    """The batch request id of one work item (``^[a-zA-Z0-9_-]{1,64}$``)."""
    return re.sub(r"[^a-zA-Z0-9_-]", "_", f"{task_id}-{sample}")[:64]


def batch_key(assistant: AnthropicAssistant, items: Sequence[tuple[Task, int]]) -> str:
    """What a batch answers: model parameters and work items (restart matching)."""
    payload = json.dumps([assistant.model, assistant.max_tokens, assistant.temperature,
                          sorted(custom_id(t.id, s) for t, s in items)])
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def find_resumable(store: Store, assistant_id: str, night: str,
                   key: str) -> tuple[str, list[str]] | None:
    """(batch id, custom ids left out for the cost cap) of an unfinished campaign of this
    night that asked the same thing, or None."""
    for c in reversed(store.campaigns(assistant_id)):
        batch = (c.config or {}).get("batch") or {}
        if c.night == night and c.status != "done" and batch.get("key") == key \
                and batch.get("id"):
            return str(batch["id"]), [str(x) for x in batch.get("capped", [])]
    return None


class BatchRun:
    """One submitted batch: which items it covers, and its results once it has ended."""

    def __init__(self, assistant: AnthropicAssistant, batch_id: str, items: set[str],
                 capped: set[str], held: dict[str, float], poll_s: float,
                 max_wait_s: float) -> None:
        self.assistant = assistant
        self.id = batch_id
        self.items = items
        self.capped = capped
        self.held = held
        self.poll_s = poll_s
        self.max_wait_s = max_wait_s
        self.results: dict[str, Any] | None = None
        self.error: str | None = None
        self.submitted_at = time.monotonic()
        self._lock = threading.Lock()

    def covers(self, task_id: str, sample: int) -> bool:
        """Whether this run's batch decides the answer to (task, sample)."""
        cid = custom_id(task_id, sample)
        return cid in self.items or cid in self.capped

    def wait(self) -> None:
        """Poll until the batch has ended, then read every result (once, thread-safe)."""
        with self._lock:
            if self.results is not None or self.error is not None:
                return
            a = self.assistant
            batches = a.client.messages.batches
            deadline = time.monotonic() + self.max_wait_s
            try:
                while True:
                    batch, _ = a.call(lambda: batches.retrieve(self.id), "batches.retrieve")
                    if batch.processing_status == "ended":
                        break
                    if time.monotonic() > deadline:
                        self.error = f"batch {self.id} still {batch.processing_status} after " \
                                     f"{self.max_wait_s:.0f}s"
                        return
                    a.sleep(self.poll_s)
                rows, _ = a.call(lambda: list(batches.results(self.id)), "batches.results")
            except GaveUp as exc:
                self.error = f"batch {self.id}: {exc}"
                return
            self.results = {r.custom_id: r.result for r in rows}
            log.info("batch %s ended: %d results", self.id, len(self.results))

    def attempt(self, task: Task, sample: int) -> Attempt:
        """The batch's answer to (task, sample); batch-side failures fall back to one request."""
        a = self.assistant
        cid = custom_id(task.id, sample)
        meta = {"batch_id": self.id}
        if cid in self.capped:
            return a.infra(task, sample, COST_CAP_REACHED, meta)
        self.wait()
        held = self.held.pop(cid, 0.0)
        result = (self.results or {}).get(cid)
        if result is None or result.type != "succeeded":
            if a.budget is not None:
                a.budget.settle(held, 0.0)
            why = self.error or ("no result" if result is None else _result_error(result))
            log.warning("batch %s: %s for %s; asking directly", self.id, why, cid)
            return a.direct(task, sample, {**meta, "batch_error": why})
        _, prompt = a.request(task)
        latency = time.monotonic() - self.submitted_at
        out = a.to_attempt(task, sample, prompt, result.message, latency, meta, batch=True)
        if a.budget is not None:
            a.budget.settle(held, out.cost_usd)
        return out


def _result_error(result: Any) -> str:
    if result.type == "errored":
        err = getattr(getattr(result.error, "error", None), "type", None)
        return f"errored ({err or 'unknown error'})"
    return str(result.type)


def submit(assistant: AnthropicAssistant, items: Sequence[tuple[Task, int]], *,
           poll_s: float = DEFAULT_POLL_S, max_wait_s: float = DEFAULT_MAX_WAIT_S) -> BatchRun:
    """Send every item as one batch (within the cost cap) and install it on ``assistant``."""
    requests: list[dict[str, Any]] = []
    capped: set[str] = set()
    held: dict[str, float] = {}
    for task, sample in items:
        cid = custom_id(task.id, sample)
        params, prompt = assistant.request(task)
        worst = assistant.worst_case(prompt, batch=True)
        if assistant.budget is not None and not assistant.budget.reserve(worst):
            capped.add(cid)
            continue
        held[cid] = worst
        requests.append({"custom_id": cid, "params": params})
    if not requests:
        run = BatchRun(assistant, "none", set(), capped, held, poll_s, max_wait_s)
        run.results = {}
    else:
        batches = assistant.client.messages.batches
        batch, _ = assistant.call(lambda: batches.create(requests=requests), "batches.create")
        run = BatchRun(assistant, batch.id, {r["custom_id"] for r in requests}, capped, held,
                       poll_s, max_wait_s)
        log.info("submitted batch %s with %d requests (%d over the cost cap)", batch.id,
                 len(requests), len(capped))
    assistant.batch = run
    return run


def adopt(assistant: AnthropicAssistant, batch_id: str, items: Sequence[tuple[Task, int]],
          capped: Sequence[str] = (), *, poll_s: float = DEFAULT_POLL_S,
          max_wait_s: float = DEFAULT_MAX_WAIT_S) -> BatchRun:
    """Take over a batch submitted by an earlier (interrupted) run of the same night.

    ``capped``: the custom ids that run left out for the cost cap (still left out).
    """
    left_out = set(capped)
    cids = {custom_id(t.id, s) for t, s in items} - left_out
    run = BatchRun(assistant, batch_id, cids, left_out, {}, poll_s, max_wait_s)
    if batch_id == "none":
        run.results = {}
    assistant.batch = run
    return run
