"""``openai:<model>@<base-url>``: any OpenAI-compatible chat-completions endpoint.

vLLM, Ollama, a llama.cpp server and hosted endpoints all speak
``POST {base}/chat/completions``. This adapter sends the rendered task
(:mod:`assistants.render`), extracts files from the reply
(:mod:`assistants.extract`) and records model, tokens, latency and transcript.
Plain HTTP through httpx: no vendor SDK.

Options follow the base URL as a query string that is *not* sent to the
server: ``openai:qwen@http://127.0.0.1:8000/v1?temperature=0.2&seed=7``
(``temperature`` default 0, ``seed``, ``max_tokens`` default 2048,
``retries`` default 4, ``timeout`` seconds default 300). The API key is read from
``OPENAI_API_KEY`` when set (local servers need none).

Infra errors are not the model's failures: connection errors, timeouts, 408,
409, 429 (honouring ``retry-after``), 5xx and empty replies are retried with
exponential backoff; when retries run out, or on a non-retryable 4xx (bad key,
unknown model), the attempt carries ``infra_error`` and no files.
"""

from __future__ import annotations

import email.utils
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx

from assistants.extract import extract
from assistants.family import assistant_family
from assistants.render import render
from codecanary.registry import register
from codecanary.types import Attempt, Task

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504, 529}
MAX_WAIT_S = 60.0


class Retryable(Exception):
    """A failure worth trying again, with the wait the server asked for (if any)."""

    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


class Fatal(Exception):
    """A failure retrying cannot fix (bad request, bad key, unknown model)."""


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from ``retry-after-ms`` / ``retry-after`` (seconds or HTTP date)."""
    if ms := headers.get("retry-after-ms"):
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, when.timestamp() - time.time()) if when else None


def with_retries(call: Callable[[], Any], retries: int, base: float = 0.5,
                 sleep: Callable[[float], None] = time.sleep) -> tuple[Any, list[str]]:
    """Run ``call`` until it succeeds or ``retries`` retries are spent.

    Returns (result, log of failures). Raises Retryable (last one) or Fatal.
    """
    failures: list[str] = []
    for n in range(retries + 1):
        try:
            return call(), failures
        except Retryable as exc:
            failures.append(str(exc))
            if n == retries:
                raise
            wait = exc.wait if exc.wait is not None else base * 2**n
            sleep(min(MAX_WAIT_S, wait))
    raise AssertionError("unreachable")


def parse_options(query: str, allowed: dict[str, type]) -> dict[str, Any]:
    """``a=1&b=x`` -> typed options; unknown names or bad values raise ValueError."""
    out: dict[str, Any] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key not in allowed:
            raise ValueError(f"unknown option {key!r}; known: {', '.join(sorted(allowed))}")
        try:
            out[key] = allowed[key](value)
        except ValueError:
            raise ValueError(f"option {key}={value!r} is not a {allowed[key].__name__}") from None
    return out


OPTIONS: dict[str, type] = {"temperature": float, "seed": int, "max_tokens": int,
                            "retries": int, "timeout": float}


@dataclass
class OpenAICompatAssistant:
    """Chat completions over HTTP; see the module docstring."""

    model: str
    base_url: str
    temperature: float = 0.0
    seed: int | None = None
    max_tokens: int = 2048
    retries: int = 4
    timeout: float = 300.0
    api_key: str | None = None
    backoff: float = 0.5

    def __post_init__(self) -> None:
        self.id = f"openai:{self.model}@{self.base_url}"
        self.version = self.model
        self._client = httpx.Client(timeout=self.timeout)

    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """One chat-completions request; raises Retryable or Fatal."""
        headers = {"content-type": "application/json"}
        if self.api_key:
            headers["authorization"] = f"Bearer {self.api_key}"
        try:
            r = self._client.post(f"{self.base_url}/chat/completions", json=body,
                                  headers=headers)
        except httpx.HTTPError as exc:
            raise Retryable(f"{type(exc).__name__}: {exc}") from None
        if r.status_code in RETRY_STATUS:
            raise Retryable(f"HTTP {r.status_code}: {r.text[:200]}", retry_after(r.headers))
        if r.status_code != 200:
            raise Fatal(f"HTTP {r.status_code}: {r.text[:300]}")
        try:
            data: dict[str, Any] = r.json()
            message = data["choices"][0]["message"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise Retryable(f"malformed reply: {r.text[:200]}") from None
        if not (message.get("content") or "").strip():
            raise Retryable("empty reply")
        return data

    def attempt(self, task: Task, sample: int, night: str) -> Attempt:
        """Ask the endpoint once (with retries) and extract the files of its reply."""
        prompt = render(task)
        body: dict[str, Any] = {"model": self.model, "messages": prompt.messages(),
                                "temperature": self.temperature, "max_tokens": self.max_tokens}
        if self.seed is not None:
            body["seed"] = self.seed + sample
        meta = {"temperature": str(self.temperature), "max_tokens": str(self.max_tokens)}
        if self.seed is not None:
            meta["seed"] = str(self.seed + sample)
        start = time.monotonic()
        try:
            data, failures = with_retries(lambda: self.post(body), self.retries, self.backoff)
        except (Retryable, Fatal) as exc:
            return Attempt(task_id=task.id, assistant=self.id, version=self.version,
                           sample=sample, files={}, latency_s=time.monotonic() - start,
                           transcript=f"[system]\n{prompt.system}\n\n[user]\n{prompt.user}",
                           infra_error=f"openai: {exc}", meta=meta)
        latency = time.monotonic() - start
        choice = data["choices"][0]
        reply = choice["message"]["content"]
        usage = data.get("usage") or {}
        got = extract(reply, prompt.targets, task.language, task.workspace)
        meta.update({"finish_reason": str(choice.get("finish_reason")),
                     "server_model": str(data.get("model", self.model)),
                     "retries": str(len(failures)), "extraction": "; ".join(got.notes),
                     "cost": "unknown (no price for this endpoint)"})
        if failures:
            meta["retried_after"] = json.dumps(failures)[:1000]
        return Attempt(
            task_id=task.id, assistant=self.id,
            version=str(data.get("model") or self.model), sample=sample, files=got.files,
            transcript=f"[system]\n{prompt.system}\n\n[user]\n{prompt.user}\n\n"
                       f"[assistant]\n{reply}",
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            latency_s=latency, meta=meta,
        )


def parse_spec(arg: str) -> tuple[str, str, dict[str, Any]]:
    """``model@base-url[?options]`` -> (model, base url, options)."""
    model, sep, url = arg.partition("@")
    if not sep or not model:
        raise ValueError(f"openai:{arg}: give openai:<model>@<base-url>, "
                         "e.g. openai:qwen2.5-coder@http://127.0.0.1:8000/v1")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"openai:{arg}: base URL {url!r} must start with http:// or https://")
    base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
    return model, base, parse_options(parts.query, OPTIONS)


class OpenAIChat:
    """``openai:<model>@<base-url>`` as a chat model (the reviewer, the generator), over the
    assistant's own HTTP client and retries. A ``schema`` is not sent (not every compatible
    server takes one): the callers ask for their JSON in the prompt."""

    def __init__(self, spec: str, *, schema: dict[str, Any] | None = None,
                 timeout_s: float = 120.0, retries: int = 2) -> None:
        model, base, opts = parse_spec(spec)
        self._api = OpenAICompatAssistant(
            model=model, base_url=base, api_key=os.environ.get("OPENAI_API_KEY"),
            **{"timeout": timeout_s, "retries": retries, **opts})
        self.name = self._api.id

    def complete(self, system: str, prompt: str, max_tokens: int) -> str:
        """One chat completion (retried like an attempt); raises Retryable or Fatal."""
        api = self._api
        body: dict[str, Any] = {"model": api.model, "temperature": api.temperature,
                                "max_tokens": max_tokens,
                                "messages": [{"role": "system", "content": system},
                                             {"role": "user", "content": prompt}]}
        if api.seed is not None:
            body["seed"] = api.seed
        data, _ = with_retries(lambda: api.post(body), api.retries, api.backoff)
        return str(data["choices"][0]["message"]["content"])


@register("chat", "openai")
def make_openai_chat(model: str, *, schema: dict[str, Any] | None = None,
                     timeout_s: float = 120.0, retries: int = 2) -> OpenAIChat:
    """Chat factory for ``openai:<model>@<base-url>[?options]``."""
    return OpenAIChat(model, schema=schema, timeout_s=timeout_s, retries=retries)


def status() -> tuple[bool, str]:
    """``openai:`` is plain HTTP: nothing to check until a run reaches the endpoint."""
    return True, "needs a reachable endpoint; key from OPENAI_API_KEY if set"


@assistant_family("openai", examples=("openai:<model>@http://127.0.0.1:8000/v1",), status=status)
def make_openai(arg: str | None) -> OpenAICompatAssistant:
    """Factory for ``openai:<model>@<base-url>[?temperature=..&seed=..]``."""
    model, base, opts = parse_spec(arg or "")
    return OpenAICompatAssistant(model=model, base_url=base,
                                 api_key=os.environ.get("OPENAI_API_KEY"), **opts)
