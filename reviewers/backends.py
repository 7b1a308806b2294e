"""Chat backends for the model reviewer: the Anthropic API, or a local GGUF model.

Both satisfy :class:`reviewers.model.Backend` (``name`` and ``complete``); the
SDKs are imported only when a backend is first used.

* ``anthropic:<model>`` — the Messages API through the ``anthropic`` SDK; the
  SDK reads ``ANTHROPIC_API_KEY``, and ``ANTHROPIC_BASE_URL`` (or ``base_url``)
  points it at another server, e.g. the fake one of the tests.
* ``local:<name or path>`` — a GGUF model run by llama-cpp-python in a worker process,
  its reply constrained to the findings JSON schema by a grammar. ``name`` is
  looked up among the files fetched by ``codecanary models pull``
  (``$CODECANARY_MODELS``, ``$XDG_CACHE_HOME/codecanary/models``,
  ``~/.cache/codecanary/models``, ``./models``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from codecanary.llama_process import LlamaProcess
from reviewers.model import JSON_SCHEMA, Backend


class AnthropicBackend:
    """Claude through the Messages API."""

    def __init__(self, model: str, base_url: str | None = None, timeout_s: float = 120.0,
                 api_key: str | None = None, max_retries: int = 2) -> None:
        self.model = model
        self.name = f"anthropic:{model}"
        self.base_url = base_url or os.environ.get("ANTHROPIC_BASE_URL")
        self.timeout_s = timeout_s
        self.api_key = api_key  # None: the SDK reads ANTHROPIC_API_KEY
        self.max_retries = max_retries
        self._client: Any = None

    def _get_client(self) -> Any:
        if self._client is None:
            import anthropic

            self._client = anthropic.Anthropic(api_key=self.api_key, base_url=self.base_url,
                                               timeout=self.timeout_s,
                                               max_retries=self.max_retries)
        return self._client

    def complete(self, system: str, prompt: str, max_tokens: int) -> str:
        """One message; the text blocks of the reply, joined."""
        reply = self._get_client().messages.create(
            model=self.model, max_tokens=max_tokens, system=system,
            messages=[{"role": "user", "content": prompt}])
        return "".join(getattr(b, "text", "") for b in reply.content
                       if getattr(b, "type", "") == "text")


def model_dirs() -> list[Path]:
    """Where pulled GGUF models are looked for, in order."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    dirs = [os.environ.get("CODECANARY_MODELS", ""), f"{xdg}/codecanary/models" if xdg else "",
            "~/.cache/codecanary/models", "models"]
    return [Path(d).expanduser() for d in dirs if d]


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def find_gguf(name: str) -> Path:
    """The GGUF file for ``name`` (a path, or a model name such as qwen2.5-coder-1.5b)."""
    direct = Path(name).expanduser()
    if direct.suffix == ".gguf" and direct.is_file():
        return direct
    want = _norm(name)
    for d in model_dirs():
        if d.is_dir():
            hits = sorted(p for p in d.rglob("*.gguf") if want in _norm(p.name))
            if hits:
                return hits[0]
    raise FileNotFoundError(
        f"no GGUF model matching {name!r} in {', '.join(map(str, model_dirs()))}; "
        f"run `codecanary models pull {name}` first")


class LlamaBackend:
    """A GGUF model in a worker process (llama-cpp-python), JSON-constrained.

    ``schema`` constrains the reply (default: the reviewer's findings schema; the
    campaign's LLM mutator passes the child-task schema). A crash or hang of the
    runtime raises :class:`codecanary.llama_process.RuntimeCrash` for that call
    only; the next call starts a fresh worker."""

    def __init__(self, model: str, n_ctx: int = 8192, seed: int = 0,
                 schema: dict[str, Any] | None = None) -> None:
        self.path = find_gguf(model)
        self.schema = JSON_SCHEMA if schema is None else schema
        self.name = f"local:{model}"
        self._llm = LlamaProcess(self.path, n_ctx=n_ctx, seed=seed,
                                 n_threads=max(1, min(2, os.cpu_count() or 1)))

    def complete(self, system: str, prompt: str, max_tokens: int) -> str:
        """Greedy, schema-constrained chat completion."""
        out = self._llm.chat(
            messages=[{"role": "system", "content": system},
                      {"role": "user", "content": prompt}],
            max_tokens=max_tokens, temperature=0.0,
            response_format={"type": "json_object", "schema": self.schema})
        return str(out["choices"][0]["message"]["content"] or "")


def create_backend(spec: str) -> Backend:
    """``anthropic:<model>`` or ``local:<name or path>``."""
    kind, _, model = spec.partition(":")
    if kind == "anthropic" and model:
        return AnthropicBackend(model)
    if kind == "local" and model:
        return LlamaBackend(model)
    raise ValueError(f"unknown reviewer backend {spec!r}; use anthropic:<model> or "
                     "local:<gguf name or path>")
