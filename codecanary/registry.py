"""One registry for every plug-in family (sandbox, assistant, fault, runner, ...).

A plug-in is registered with a decorator: ``@register("sandbox", "bwrap")``. The
core never names plug-in modules: every module that registers plug-ins is
announced as a package entry point in the group ``codecanary.plugins`` (this
project's own in its ``pyproject.toml``), and :func:`load_plugins` imports each
once so that its decorators run. A third-party package adds a language runner,
an assistant or a sandbox backend by declaring its module there, without any
edit to this repository.
"""

from __future__ import annotations

import importlib
import logging
import warnings
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import Any, TypeVar

T = TypeVar("T")

GROUP = "codecanary.plugins"
"""The entry-point group whose modules register plug-ins (name -> module)."""

_REGISTRY: dict[str, dict[str, Any]] = {}
_ERRORS: list[str] = []
_log = logging.getLogger(__name__)


class UnknownPluginError(LookupError):
    """Raised when a name is not registered in a family; the message lists the known names."""


class PluginSetupError(RuntimeError):
    """Raised when no plug-in is announced at all: the project's metadata is not installed."""


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
        broken = f" (plug-ins that failed to load: {'; '.join(_ERRORS)})" if _ERRORS else ""
        raise UnknownPluginError(f"unknown {family} {name!r}; known: {known}{broken}")
    return members[name]


def names(family: str) -> list[str]:
    """Sorted names registered in ``family``."""
    load_plugins()
    return sorted(_REGISTRY.get(family, {}))


def members(family: str) -> dict[str, Any]:
    """A copy of the name -> plug-in mapping of ``family``."""
    load_plugins()
    return dict(_REGISTRY.get(family, {}))


def import_submodules(package: str) -> None:
    """Import every module of ``package`` (one level), so a plug-in package registers
    a new member by a new module alone, without a list of names to edit."""
    import pkgutil

    pkg = importlib.import_module(package)
    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{package}.{info.name}")


def load_errors() -> list[str]:
    """Entry points that could not be imported, each with its package and the error."""
    load_plugins()
    return list(_ERRORS)


def announced() -> list[EntryPoint]:
    """The entry points of :data:`GROUP`, this project's first, then by package and name."""

    def key(ep: EntryPoint) -> tuple[bool, str, str]:
        dist = ep.dist.name if ep.dist else ""
        return (dist != "codecanary", dist, ep.name)

    return sorted(entry_points(group=GROUP), key=key)


_loaded = False


def load_plugins() -> None:
    """Import every announced plug-in module once so that its decorators run.

    A third-party module that fails to import is reported (a warning, and in
    :class:`UnknownPluginError` messages) and skipped: one broken plug-in must
    not stop a night that does not use it. None announced at all means the
    project was not installed, which nothing works without.
    """
    global _loaded
    if _loaded:
        return
    _loaded = True
    eps = announced()
    if not any(ep.dist is not None and ep.dist.name == "codecanary" for ep in eps):
        _loaded = False
        raise PluginSetupError(
            f"no codecanary plug-ins are announced (entry-point group {GROUP!r}); install the "
            "project with `bash scripts/bootstrap.sh` (or `pip install -e .`) and retry")
    for ep in eps:
        try:
            importlib.import_module(ep.value)
        except Exception as exc:  # a third party's bug: report it, keep the rest usable
            owner = ep.dist.name if ep.dist else "an unknown package"
            if owner == "codecanary":
                raise
            why = f"{ep.name} = {ep.value} from {owner}: {type(exc).__name__}: {exc}"
            _ERRORS.append(why)
            _log.warning("plug-in not loaded: %s", why)
            warnings.warn(f"codecanary plug-in not loaded: {why}; fix or uninstall {owner}",
                          RuntimeWarning, stacklevel=2)
