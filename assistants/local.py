"""``local:<name-or-path.gguf>``: a GGUF model run by llama-cpp-python in a worker process.

``name`` is a catalogued model (``codecanary models pull NAME``, see
:mod:`assistants.models`); anything ending in ``.gguf`` is used by path.
llama-cpp-python is an optional extra (``pip install 'codecanary[local]'``) and
is imported only when the first answer is asked for.

Decoding is greedy by default (temperature 0), so a local model gives the same
answer to the same prompt: the K samples of a task are then generated once and
the later ones reuse that answer (recorded as ``meta["reused_from"]``).
Options go after a ``?``: ``local:qwen2.5-coder-0.5b?temperature=0.7&seed=3``:
``temperature``; ``seed`` (sample k uses seed + k); ``max_tokens``, default 384
(the 0.5B model's passing answers measured here were at most 302 tokens once the
prose after the code is cut, see :data:`PROSE_STOPS`; longer ones are loops); ``ctx``, context
length, default 4096; ``threads``, default every core: a campaign generates a
round's answers before it runs their tests, so the model has the cores to
itself (measured here on an idle 2-core machine, 0.5B: 13.0 tokens/s with 1
thread, 23.3 with 2); llama.cpp's threads spin at barriers, so where other work
shares the cores, fewer threads than free cores keep it from collapsing (1
thread 11 tokens/s against 0.6 with 2 on a busy 2-core machine).

The version recorded on every attempt is ``<file>@<sha256[:12]>
llama-cpp-python/<version>``; tokens come from llama.cpp's own count; cost is 0.
A prompt longer than the context, a crash of the runtime or an empty reply is an
infra error, not a failure of the model. The runtime runs in a child process
(:mod:`assistants.llama_process`): a segfault, abort, out-of-memory kill or a
hang longer than ``timeout`` seconds (default 900) costs that try, the worker
is restarted, and the try is retried once before the attempt is recorded as
an infra error; the night goes on.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistants.extract import extract
from assistants.family import Capabilities, assistant_family
from assistants.llama_process import LlamaProcess
from assistants.models import CATALOG, ModelError, known_sha256, resolve
from assistants.openai_compat import parse_options
from assistants.render import render
from codecanary.chat import ChatModelError
from codecanary.registry import register
from codecanary.types import Attempt, Task

OPTIONS: dict[str, type] = {"temperature": float, "seed": int, "max_tokens": int, "ctx": int,
                            "threads": int, "timeout": float}
PROSE_STOPS = ("\n### Explanation", "\n### explanation", "\n**Explanation")
"""Where small models start explaining the code they just wrote: decoding stops there
(19 of 47 answers of the 0.5B model went on so, for up to a few hundred tokens)."""
INSTALL_HINT = "install the extra: .venv/bin/pip install -e '.[local]'"


def llama_version() -> str | None:
    """The installed llama-cpp-python version, or None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llama-cpp-python")
    except PackageNotFoundError:
        return None


@dataclass
class LocalAssistant:
    """A GGUF model through llama-cpp-python; see the module docstring."""

    name: str
    path: Path
    temperature: float = 0.0
    seed: int = 0
    max_tokens: int = 384
    ctx: int = 4096
    threads: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float = 900.0
    retries: int = 1

    def __post_init__(self) -> None:
        self.id = f"local:{self.name}"
        lib = llama_version()
        if lib is None:
            raise ModelError(f"local:{self.name} needs llama-cpp-python; {INSTALL_HINT}")
        self.sha256 = known_sha256(self.path)
        self.version = f"{self.path.name}@{self.sha256[:12]} llama-cpp-python/{lib}"
        self._llm: LlamaProcess | None = None
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[int, dict[str, Any], float]] = {}

    def _model(self) -> LlamaProcess:
        if self._llm is None:
            self._llm = LlamaProcess(self.path, n_ctx=self.ctx, n_threads=self.threads,
                                     seed=self.seed, timeout_s=self.timeout)
        return self._llm

    def _generate(self, messages: list[dict[str, str]], seed: int) -> dict[str, Any]:
        llm = self._model()
        prompt_len = llm.count_tokens("".join(m["content"] for m in messages))
        if prompt_len + 64 > self.ctx:
            raise ModelError(f"prompt of ~{prompt_len} tokens does not fit the context of "
                             f"{self.ctx}; raise it with ?ctx=")
        return llm.chat(messages=messages, temperature=self.temperature, seed=seed,
                        max_tokens=min(self.max_tokens, self.ctx - prompt_len - 32),
                        stop=list(PROSE_STOPS))

    @property
    def deterministic(self) -> bool:
        """Greedy decoding: every sample of a task is the same answer."""
        return self.temperature == 0

    def attempt(self, task: Task, sample: int, night: str) -> Attempt:
        """Generate an answer (or reuse the greedy one) and extract its files."""
        prompt = render(task)
        greedy = self.temperature == 0
        seed = self.seed if greedy else self.seed + sample
        meta = {"temperature": str(self.temperature), "seed": str(seed),
                "max_tokens": str(self.max_tokens), "ctx": str(self.ctx), "cost": "0 (local)"}
        key = hashlib.sha256(f"{prompt.text}|{self.temperature}|{seed}".encode()).hexdigest()
        head = f"[system]\n{prompt.system}\n\n[user]\n{prompt.user}"
        with self._lock:
            if greedy and key in self._cache:
                first, data, latency = self._cache[key]
                meta["reused_from"] = f"sample {first} (greedy decoding is deterministic)"
            else:
                start = time.monotonic()
                data, error = {}, ""
                for n in range(1 + self.retries):
                    try:
                        data = self._generate(prompt.messages(), seed + 1000 * n)
                    except ModelError as exc:
                        error = str(exc)
                        break
                    except Exception as exc:  # a runtime crash is infra, not the model's fault
                        error = f"{type(exc).__name__}: {exc}"
                        meta["runtime_errors"] = str(n + 1)
                        continue
                    if (data["choices"][0]["message"].get("content") or "").strip():
                        error = ""
                        break
                    error = "empty reply"
                latency = time.monotonic() - start
                if error:
                    return Attempt(task_id=task.id, assistant=self.id, version=self.version,
                                   sample=sample, files={}, transcript=head, latency_s=latency,
                                   infra_error=f"local: {error}", meta=meta)
                if greedy:
                    self._cache[key] = (sample, data, latency)
        reply = data["choices"][0]["message"]["content"]
        usage = data.get("usage") or {}
        got = extract(reply, prompt.targets, task.language, task.workspace)
        meta.update({"finish_reason": str(data["choices"][0].get("finish_reason")),
                     "extraction": "; ".join(got.notes) or "no code found"})
        return Attempt(
            task_id=task.id, assistant=self.id, version=self.version, sample=sample,
            files=got.files, transcript=f"{head}\n\n[assistant]\n{reply}",
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            cost_usd=0.0, latency_s=latency, meta=meta,
        )


class LocalChat:
    """``local:<name or path>`` as a chat model (the reviewer, the generator): greedy, its
    reply constrained to ``schema`` by a llama.cpp grammar when one is given.

    The model is found by the same verified lookup as the assistant (a catalogued name
    must be pulled, else a path to a ``.gguf``). A crash or hang of the runtime raises
    :class:`assistants.llama_process.RuntimeCrash` for that call only; the next call
    starts a fresh worker."""

    def __init__(self, model: str, *, schema: dict[str, Any] | None = None,
                 n_ctx: int = 8192, seed: int = 0) -> None:
        self.path = resolve(model)
        self.schema = schema
        self.name = f"local:{model}"
        self._llm = LlamaProcess(self.path, n_ctx=n_ctx, seed=seed,
                                 n_threads=max(1, min(2, os.cpu_count() or 1)))

    def complete(self, system: str, prompt: str, max_tokens: int) -> str:
        """Greedy chat completion (schema-constrained when a schema was given)."""
        kwargs: dict[str, Any] = {}
        if self.schema is not None:
            kwargs["response_format"] = {"type": "json_object", "schema": self.schema}
        out = self._llm.chat(
            messages=[{"role": "system", "content": system},
                      {"role": "user", "content": prompt}],
            max_tokens=max_tokens, temperature=0.0, **kwargs)
        return str(out["choices"][0]["message"]["content"] or "")


@register("chat", "local")
def make_local_chat(model: str, *, schema: dict[str, Any] | None = None,
                    timeout_s: float = 120.0, retries: int = 2) -> LocalChat:
    """Chat factory for ``local:<name or path>``; a model not found is a ChatModelError.

    ``timeout_s``/``retries`` are for network models: a local model keeps the runtime's own
    limits (a hang is caught by the worker's timeout)."""
    try:
        return LocalChat(model, schema=schema)
    except ModelError as exc:
        raise ChatModelError(str(exc)) from None


def status() -> tuple[bool, str]:
    """Whether ``local:`` can run here, and why not."""
    if llama_version() is None:
        return False, f"llama-cpp-python missing; {INSTALL_HINT}"
    from assistants.models import is_pulled

    pulled = [n for n in CATALOG if is_pulled(n)]
    if not pulled:
        return False, "no model pulled; run `codecanary models pull qwen2.5-coder-0.5b`"
    return True, f"llama-cpp-python {llama_version()}; models: {', '.join(pulled)}"


@assistant_family("local", examples=("local:qwen2.5-coder-0.5b", "local:/path/to/model.gguf"),
                  status=status, capabilities=Capabilities(reuse=True))
def make_local(arg: str | None) -> LocalAssistant:
    """Factory for ``local:<name-or-path.gguf>[?options]``."""
    if not arg:
        raise ModelError("give a model: local:qwen2.5-coder-0.5b or local:/path/to/model.gguf")
    spec, _, query = arg.partition("?")
    path = resolve(spec)
    name = spec if spec in CATALOG else path.name
    return LocalAssistant(name=name, path=path, **parse_options(query, OPTIONS))

