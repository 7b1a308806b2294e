"""One registry for every plug-in family (sandbox, assistant, fault, runner, ...).

A plug-in is registered with a decorator: ``@register("sandbox", "bwrap")``. The
core never imports plug-in packages directly; :func:`load_plugins` imports the
known packages once so their decorators run, and user code can register more.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_REGISTRY: dict[str, dict[str, Any]] = {}

PLUGIN_MODULES = (
    "sandbox.bwrap",
    "sandbox.local",
    "sandbox.docker",  # docker backend; imports the docker SDK only when instantiated
    "sandbox.runners",
    "generators.faults",
    "assistants.sim",
    "assistants.anthropic_api",  # anthropic:<model>; the SDK is imported on first request
    "assistants.claude_code",  # claude-code[:<model>]; needs the claude CLI only when used
    "assistants.local",  # local:<gguf>; llama-cpp-python is imported on first answer
    "assistants.openai_compat",  # openai:<model>@<base-url>, plain HTTP
    "assistants.command",  # command:<cmd>, any CLI agent, run in the sandbox
    "generators.mutators",  # task mutation operators ("mutator"), issue 6
    "reviewers",  # static and model reviewers, summary sections reviews/agreement, report section
)


class UnknownPluginError(LookupError):
    """Raised when a name is not registered in a family; the message lists the known names."""


def register(family: str, name: str) -> Callable[[T], T]:
    """Decorator registering ``obj`` as plug-in ``name`` of ``family``."""

    def deco(obj: T) -> T:
        _REGISTRY.setdefault(family, {})[name] = obj
        return obj

    return deco


def get(family: str, name: str) -> Any:
    """Return the plug-in ``name`` of ``family`` or raise with the known names."""
    load_plugins()
    members = _REGISTRY.get(family, {})
    if name not in members:
        known = ", ".join(sorted(members)) or "none"
        raise UnknownPluginError(f"unknown {family} {name!r}; known: {known}")
    return members[name]


def names(family: str) -> list[str]:
    """Sorted names registered in ``family``."""
    load_plugins()
    return sorted(_REGISTRY.get(family, {}))


def members(family: str) -> dict[str, Any]:
    """A copy of the name -> plug-in mapping of ``family``."""
    load_plugins()
    return dict(_REGISTRY.get(family, {}))


_loaded = False


def load_plugins() -> None:
    """Import the built-in plug-in modules once so that their decorators run."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for mod in PLUGIN_MODULES:
        importlib.import_module(mod)
