"""An assistant family that describes itself: its factory, example ids, status check, capabilities.

A new assistant is one module: it defines its assistant class and registers it with
:func:`assistant_family`, giving the ids a user types (``examples``), a check of whether
it can run on this machine (``status``) and what it can do (:class:`Capabilities`). The
command line (``codecanary assistants``) and the campaign read these descriptions from
the registry instead of keeping tables of their own, so a third-party package adds an
assistant without editing this repository (see ``codecanary.registry``).

A factory registered the older way, a bare function with ``@register("assistant", name)``
(optionally with a ``status`` attribute), is still understood: :func:`families` wraps it
with a generic description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from assistants.base import Assistant
from assistants.pricing import Budget
from codecanary.registry import members, register

Status = Callable[[], tuple[bool, str]]
"""A check of whether a family can run here: (usable, why or why not)."""


@dataclass(frozen=True)
class Capabilities:
    """What an assistant family can do beyond answering tasks.

    batch: answers a whole night as one provider batch (``--batch``; implements
        :class:`assistants.base.Batching`).
    cost: reports dollars per attempt and takes a spending cap (``--cost-cap``; has
        ``use_budget``).
    reuse: may give one answer to every sample of a task (greedy decoding), so a night
        defaults to one sample per task when the instance says it is ``deterministic``.
    """

    batch: bool = False
    cost: bool = False
    reuse: bool = False


@runtime_checkable
class CostCapped(Protocol):
    """An assistant that reports dollars and takes a spending cap (``--cost-cap``)."""

    def use_budget(self, budget: Budget) -> None:
        """Cap this run's spending; ValueError when the cost cannot be known."""
        ...


def no_check() -> tuple[bool, str]:
    """The status of a family that declares no check."""
    return True, "no check declared"


@dataclass(frozen=True)
class AssistantFamily:
    """One registered assistant family; calling it makes an assistant from the id's argument."""

    name: str
    make: Callable[[str | None], Assistant]
    examples: tuple[str, ...]
    status: Status = no_check
    capabilities: Capabilities = field(default_factory=Capabilities)

    def __call__(self, arg: str | None) -> Assistant:
        return self.make(arg)

    def check(self) -> tuple[bool, str]:
        """(usable here, why); a check that raises is reported as unusable, never raised."""
        try:
            ok, why = self.status()
        except Exception as exc:  # a broken check must not hide the other families
            return False, f"check failed: {type(exc).__name__}: {exc}"
        return bool(ok), str(why)


def assistant_family(name: str, *, examples: tuple[str, ...], status: Status = no_check,
                     capabilities: Capabilities | None = None
                     ) -> Callable[[Callable[[str | None], Assistant]], AssistantFamily]:
    """Decorator registering a factory ``make(arg) -> Assistant`` as family ``name``.

    The decorated name becomes the :class:`AssistantFamily` (still callable like the factory).
    """

    def deco(make: Callable[[str | None], Assistant]) -> AssistantFamily:
        fam = AssistantFamily(name, make, tuple(examples), status, capabilities or Capabilities())
        register("assistant", name)(fam)
        return fam

    return deco


def describe(name: str, factory: object) -> AssistantFamily:
    """The description of a registered factory (a bare function gets a generic one)."""
    if isinstance(factory, AssistantFamily):
        return factory
    status = getattr(factory, "status", None)
    return AssistantFamily(name, factory,  # type: ignore[arg-type]
                           (f"{name}[:arg]",), status if callable(status) else no_check)


def families() -> dict[str, AssistantFamily]:
    """Every registered assistant family by name, each described."""
    return {name: describe(name, f) for name, f in sorted(members("assistant").items())}
