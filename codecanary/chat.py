"""Chat models: one registered family that serves the model reviewer and the LLM generator.

A chat model answers one system + user message with text. It is named like the
assistant ids users already type: ``anthropic:<model>``, ``local:<gguf name or path>``,
``openai:<model>@<base-url>``. Each kind registers a factory in the ``chat`` family
(``@register("chat", "anthropic")``) next to the assistant of the same provider, so the
provider's client and model lookup live in one place (``assistants/``); the reviewer
and the generator reach them through :func:`create_chat` without importing them.

:func:`same_model` is the one rule for "is this the same model": the generator must
not write the exam of the model it generates for, nor a reviewer grade itself.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from codecanary.registry import UnknownPluginError, get


class ChatModel(Protocol):
    """A chat model: ``name`` (its spec, e.g. ``anthropic:<model>``) and one call."""

    name: str

    def complete(self, system: str, prompt: str, max_tokens: int) -> str:
        """The model's reply text; raises on transport or API errors."""
        ...


class ChatModelError(ValueError):
    """A chat-model spec that names no usable model; the message says what to do."""


def create_chat(spec: str, *, schema: dict[str, Any] | None = None, timeout_s: float = 120.0,
                retries: int = 2) -> ChatModel:
    """The chat model ``kind:model`` from the ``chat`` registry.

    ``schema``: a JSON schema the reply must follow, for kinds that can constrain their
    output (llama.cpp grammars; the others are asked in the prompt). ``timeout_s`` and
    ``retries``: per request. Raises :class:`ChatModelError`.
    """
    kind, _, model = spec.partition(":")
    if not model:
        raise ChatModelError(f"{spec!r} names no model; use anthropic:<model>, "
                             "local:<gguf name or path> or openai:<model>@<base-url>")
    try:
        factory = get("chat", kind)
    except UnknownPluginError as exc:
        raise ChatModelError(str(exc)) from None
    chat: ChatModel = factory(model, schema=schema, timeout_s=timeout_s, retries=retries)
    return chat


_AT_URL = re.compile(r"@(?=https?://)")


def model_of(spec: str) -> str:
    """The model a spec names, for comparison: ``anthropic:claude-x``, ``claude-code:claude-x``
    and ``openai:claude-x@http://h/v1`` all name ``claude-x`` (options, base URLs and
    folders dropped, case folded); a family without argument names itself (``sim``)."""
    family, _, arg = spec.partition(":")
    arg = _AT_URL.split(arg.split("?", 1)[0], maxsplit=1)[0]
    return (arg.rsplit("/", 1)[-1] or family).lower()


def same_model(a: str, b: str, version: str = "") -> bool:
    """Whether spec ``a`` names the model of ``b`` (an assistant, generator or reviewer id);
    ``version``: ``b``'s exact version, which ``a`` may name instead."""
    model = model_of(a)
    return model == model_of(b) or (bool(version) and model == version.lower())
