"""``anthropic:<model>``: a completion assistant on the Anthropic Messages API.

Each attempt renders the task (:mod:`assistants.render`), sends one Messages
request through the ``anthropic`` SDK with the constant system prompt marked
for prompt caching (``cache_control: ephemeral``), and extracts the files from
the reply (:mod:`assistants.extract`). The attempt records the exact model id
the API answered with as its version, input/output and cache tokens, the cost
in dollars (:mod:`assistants.pricing`) and the request id.

Infra errors are never model failures. 429, 408/409, every 5xx (529
overloaded included), dropped connections, timeouts and empty replies are
retried here (the SDK's own retries are off so that every retry is counted and
logged) with exponential backoff that honours ``retry-after-ms`` /
``retry-after``; a wait longer than ``max_wait_s`` or too many retries ends in
``Attempt.infra_error``. Other 4xx (bad key, bad request) are infra errors at
once. With a :class:`~assistants.pricing.Budget` the run stops asking once the
cap would be passed and marks the rest ``cost cap reached``.

``--batch`` sends a whole nightly run as one Message Batch (half price); see
:mod:`assistants.anthropic_batch`. The SDK is imported only here, lazily.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistants.anthropic_prices import price_of
from assistants.base import BatchError, GaveUp
from assistants.extract import extract
from assistants.family import Capabilities, assistant_family
from assistants.pricing import COST_CAP_REACHED, Budget, Price
from assistants.render import Prompt, render
from codecanary.registry import register
from codecanary.types import Attempt, Task

if TYPE_CHECKING:
    from assistants.anthropic_batch import BatchRun
    from codecanary.store import Store

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 409, 429})
"""Statuses below 500 that are worth retrying (every 5xx is)."""


@dataclass(frozen=True)
class Failure:
    """Why one request failed: retryable or not, the server's requested wait, a label."""

    retryable: bool
    retry_after: float | None
    label: str


def retry_after(headers: Any) -> float | None:
    """Seconds the server asked to wait (``retry-after-ms`` wins over ``retry-after``)."""
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name) if headers is not None else None
        if value is not None:
            try:
                return max(0.0, float(value) / scale)
            except ValueError:
                continue
    return None


def classify_error(exc: BaseException) -> Failure:
    """Classify an SDK exception (or an empty reply) for the retry loop."""
    import anthropic

    if isinstance(exc, anthropic.APIStatusError):
        body = exc.body if isinstance(exc.body, dict) else {}
        err = body.get("error") if isinstance(body.get("error"), dict) else {}
        etype = err.get("type", "error") if isinstance(err, dict) else "error"
        status = exc.status_code
        return Failure(status in RETRY_STATUS or status >= 500,
                       retry_after(exc.response.headers), f"HTTP {status} {etype}")
    if isinstance(exc, anthropic.APITimeoutError):
        return Failure(True, None, "timeout")
    if isinstance(exc, anthropic.APIConnectionError):
        return Failure(True, None, f"connection error ({exc.__cause__ or exc})")
    if isinstance(exc, EmptyReply):
        return Failure(True, None, "empty reply")
    return Failure(False, None, f"{type(exc).__name__}: {exc}")


class EmptyReply(RuntimeError):
    """The API answered with no text at all."""


class AnthropicAssistant:
    """See the module docstring. ``client`` may be injected (tests, custom transports)."""

    def __init__(self, model: str, client: Any = None, *, max_tokens: int = 4096,
                 temperature: float | None = None, retries: int = 5, backoff_s: float = 1.0,
                 max_wait_s: float = 120.0, timeout_s: float = 600.0,
                 budget: Budget | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.model = model
        self.id = f"anthropic:{model}"
        self.version = model  # replaced by the exact id the API reports
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_wait_s = max_wait_s
        self.timeout_s = timeout_s
        self.price: Price | None = price_of(model)
        self.budget: Budget | None = None
        self.sleep = sleep
        self.batch: BatchRun | None = None
        self._client = client
        self._lock = threading.Lock()
        if budget is not None:
            self.use_budget(budget)

    # -- set-up ------------------------------------------------------------------------------

    def use_budget(self, budget: Budget) -> None:
        """Cap this run's spending; refuses a model without a known price."""
        if self.price is None:
            raise ValueError(f"no price is known for model {self.model!r}, so a cost cap "
                             "cannot be enforced; add it to assistants.anthropic_prices.PRICES")
        self.budget = budget

    def start_batch(self, store: Store, night: str,
                    items: list[tuple[Task, int]]) -> dict[str, Any]:
        """``--batch`` (:class:`assistants.base.Batching`): adopt this night's unfinished batch
        of the same ``items`` (an interrupted run) or submit a new one; returns the entry the
        campaign records (``id``, ``key``, ``capped``: the items the cost cap left out)."""
        from assistants import anthropic_batch

        key = anthropic_batch.batch_key(self, items)
        old = anthropic_batch.find_resumable(store, self.id, night, key)
        if old is not None:
            batch_id, capped = old
            anthropic_batch.adopt(self, batch_id, items, capped)
            log.warning("adopting batch %s of an unfinished run of this night", batch_id)
        else:
            try:
                run = anthropic_batch.submit(self, items)
            except GaveUp as exc:
                raise BatchError(f"could not submit the batch: {exc}") from None
            batch_id, capped = run.id, sorted(run.capped)
            log.warning("submitted batch %s (%d requests)", batch_id, len(run.items))
        return {"id": batch_id, "key": key, "capped": capped}

    @property
    def client(self) -> Any:
        """The SDK client (created on first use; base URL and key from the environment)."""
        with self._lock:
            if self._client is None:
                self._client = anthropic_client(self.timeout_s)
            return self._client

    def request(self, task: Task) -> tuple[dict[str, Any], Prompt]:
        """The Messages API parameters for ``task`` (system prompt cached) and its prompt."""
        prompt = render(task, "completion")
        params: dict[str, Any] = {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "system": [{"type": "text", "text": prompt.system,
                        "cache_control": {"type": "ephemeral"}}],
            "messages": [{"role": "user", "content": prompt.user}],
        }
        if self.temperature is not None:  # current models take the API's default sampling
            params["temperature"] = self.temperature
        return params, prompt

    def worst_case(self, prompt: Prompt, batch: bool = False) -> float:
        """The most one request for ``prompt`` can cost (0 without a price)."""
        if self.price is None:
            return 0.0
        return self.price.worst_case(len(prompt.system) + len(prompt.user), self.max_tokens,
                                     batch)

    # -- answering ---------------------------------------------------------------------------

    def attempt(self, task: Task, sample: int, night: str) -> Attempt:
        """Answer from the run's batch when one was submitted, else with one request."""
        if self.batch is not None and self.batch.covers(task.id, sample):
            return self.batch.attempt(task, sample)
        return self.direct(task, sample)

    def direct(self, task: Task, sample: int, meta: dict[str, str] | None = None) -> Attempt:
        """One Messages request (with retries) for ``task``."""
        params, prompt = self.request(task)
        held = self.worst_case(prompt)
        if self.budget is not None and not self.budget.reserve(held):
            return self.infra(task, sample, COST_CAP_REACHED, meta)
        start = time.monotonic()
        charged = 0.0
        try:
            message, retries = self.call(lambda: self._create(params), "messages.create")
            a = self.to_attempt(task, sample, prompt, message, time.monotonic() - start,
                                {**(meta or {}), "retries": str(retries)})
            charged = a.cost_usd
        except GaveUp as exc:
            a = self.infra(task, sample, str(exc), {**(meta or {}), "retries": str(exc.retries)},
                           latency=time.monotonic() - start)
        finally:
            if self.budget is not None:
                self.budget.settle(held, charged)
        return a

    def _create(self, params: dict[str, Any]) -> Any:
        kw = dict(params)
        extra = {"temperature": kw.pop("temperature")} if "temperature" in kw else None
        message = self.client.messages.create(**kw, extra_body=extra)
        if not _text(message).strip() and message.stop_reason != "max_tokens":
            raise EmptyReply("the API answered with no text")
        return message

    def call(self, fn: Callable[[], Any], what: str) -> tuple[Any, int]:
        """Run ``fn`` with retries on infra failures; return (result, retries) or raise GaveUp."""
        for attempt_no in range(self.retries + 1):
            try:
                return fn(), attempt_no
            except Exception as exc:
                f = classify_error(exc)
                if not f.retryable:
                    raise GaveUp(f"{what}: {f.label}", attempt_no) from exc
                if attempt_no == self.retries:
                    raise GaveUp(f"{what}: {f.label} after {attempt_no} retries",
                                 attempt_no) from exc
                wait = f.retry_after
                if wait is None:
                    wait = self.backoff_s * 2 ** attempt_no * (0.75 + 0.25 * random.random())
                    wait = min(wait, self.max_wait_s)
                elif wait > self.max_wait_s:
                    raise GaveUp(f"{what}: {f.label}, server asks to wait {wait:.0f}s "
                                 f"(more than {self.max_wait_s:.0f}s)", attempt_no) from exc
                log.warning("%s: %s; retry %d in %.2fs", what, f.label, attempt_no + 1, wait)
                self.sleep(wait)
        raise AssertionError("unreachable")

    def to_attempt(self, task: Task, sample: int, prompt: Prompt, message: Any,
                   latency: float, meta: dict[str, str], batch: bool = False) -> Attempt:
        """An Attempt from an SDK ``Message`` (files extracted from its text)."""
        text = _text(message)
        usage = message.usage
        cache_read = usage.cache_read_input_tokens or 0
        cache_write = usage.cache_creation_input_tokens or 0
        price = price_of(message.model) or self.price
        cost = price.cost(usage.input_tokens, usage.output_tokens, cache_read, cache_write,
                          batch) if price else 0.0
        found = extract(text, prompt.targets, task.language, task.workspace)
        self.version = message.model
        request_id = getattr(message, "_request_id", None)
        return Attempt(
            task_id=task.id, assistant=self.id, version=message.model, sample=sample,
            files=found.files, transcript=text,
            prompt_tokens=usage.input_tokens + cache_read + cache_write,
            completion_tokens=usage.output_tokens, cost_usd=cost, latency_s=latency,
            meta={**meta, "model": message.model, "stop_reason": str(message.stop_reason),
                  "cache_read_tokens": str(cache_read), "cache_write_tokens": str(cache_write),
                  "price": "batch" if batch else ("list" if price else "unknown"),
                  "extract": "; ".join(found.notes) or "no code found",
                  **({"request_id": request_id} if request_id else {})},
        )

    def infra(self, task: Task, sample: int, error: str, meta: dict[str, str] | None = None,
              latency: float = 0.0) -> Attempt:
        """An attempt that could not be obtained (excluded from pass rates)."""
        return Attempt(task_id=task.id, assistant=self.id, version=self.version, sample=sample,
                       files={}, latency_s=latency, infra_error=error, meta=dict(meta or {}))


def _text(message: Any) -> str:
    return "".join(getattr(b, "text", "") for b in message.content
                   if getattr(b, "type", "") == "text")


def anthropic_client(timeout_s: float, max_retries: int = 0, base_url: str | None = None,
                     api_key: str | None = None) -> Any:
    """The one way codecanary makes an SDK client (imported here, on first use).

    Key and base URL default to ``ANTHROPIC_API_KEY`` and ``ANTHROPIC_BASE_URL``.
    """
    import anthropic

    return anthropic.Anthropic(api_key=api_key, base_url=base_url, timeout=timeout_s,
                               max_retries=max_retries)


class AnthropicChat:
    """``anthropic:<model>`` as a chat model (the reviewer, the generator): one message per
    call, retried by the SDK (``retries``); the reply's text blocks, joined. A ``schema``
    is not enforced by the API: the callers ask for their JSON in the prompt."""

    def __init__(self, model: str, *, schema: dict[str, Any] | None = None,
                 timeout_s: float = 120.0, retries: int = 2, base_url: str | None = None,
                 api_key: str | None = None) -> None:
        self.model = model
        self.name = f"anthropic:{model}"
        self.timeout_s = timeout_s
        self.retries = retries
        self.base_url = base_url
        self.api_key = api_key
        self._client: Any = None

    def complete(self, system: str, prompt: str, max_tokens: int) -> str:
        """One Messages request; raises the SDK's errors once its retries are spent."""
        if self._client is None:
            self._client = anthropic_client(self.timeout_s, self.retries, self.base_url,
                                            self.api_key)
        reply = self._client.messages.create(
            model=self.model, max_tokens=max_tokens, system=system,
            messages=[{"role": "user", "content": prompt}])
        return _text(reply)


@register("chat", "anthropic")
def make_anthropic_chat(model: str, *, schema: dict[str, Any] | None = None,
                        timeout_s: float = 120.0, retries: int = 2) -> AnthropicChat:
    """Chat factory for ``anthropic:<model>`` (see :mod:`codecanary.chat`)."""
    return AnthropicChat(model, schema=schema, timeout_s=timeout_s, retries=retries)


def status() -> tuple[bool, str]:
    """``anthropic:`` needs an API key in the environment (the SDK reads it)."""
    if os.environ.get("ANTHROPIC_API_KEY"):
        return True, "ANTHROPIC_API_KEY is set"
    return False, "missing key: set ANTHROPIC_API_KEY"


@assistant_family("anthropic", examples=("anthropic:claude-sonnet-4-5",), status=status,
                  capabilities=Capabilities(batch=True, cost=True))
def make_anthropic(arg: str | None) -> AnthropicAssistant:
    """Factory for ``anthropic:<model>`` (key and base URL from ANTHROPIC_* variables)."""
    if not arg:
        raise ValueError("anthropic needs a model: anthropic:<model>, e.g. "
                         "anthropic:claude-sonnet-4-5")
    return AnthropicAssistant(arg)
