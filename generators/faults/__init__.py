"""Fault operators: small deterministic mutations that make correct code plausibly wrong.

A fault operator models one kind of mistake an AI code assistant makes (forgetting
a ``None`` check, dropping a lock, moving instead of borrowing, ...). Each has a
number of *sites* in a given source and can be applied at any one of them. They
serve two purposes:

* a simulated assistant answers with the reference solution passed through one
  fault (:func:`inject`), so the pipeline can be exercised without a model;
* a task's tests are scored by how many mutants (:func:`mutants`) they kill.

The built-in operators live in :mod:`generators.faults.python` and
:mod:`generators.faults.rust` and are registered in the plug-in registry as family
``"fault"`` under ``"<language>:<name>"`` when this package is imported. A new
language's fault module registers its own :class:`FaultOperator` values the same
way (announced as an entry point of ``codecanary.plugins``); :func:`operators`,
:func:`mutants` and :func:`inject` read the registry, so they serve it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from codecanary.registry import members, register
from generators.faults import python as _python
from generators.faults import rust as _rust

__all__ = ["FaultOperator", "inject", "mutants", "operators"]


@dataclass(frozen=True)
class FaultOperator:
    """One kind of injectable mistake for one language.

    name: short slug, unique per language (e.g. ``"drop-none-check"``).
    language: ``"python"`` or ``"rust"``.
    weakness: the weakness areas (see ``codecanary.types.WEAKNESSES``) the fault models.
    count: number of distinct sites in a source (0 when the source does not parse).
    apply: the source with the fault applied at site ``i`` (``0 <= i < count``);
        raises IndexError for other ``i``. The same (source, i) always gives
        the same result.
    """

    name: str
    language: str
    weakness: tuple[str, ...]
    count: Callable[[str], int]
    apply: Callable[[str, int], str]


def _python_op(name: str, weakness: tuple[str, ...], finder: _python.Finder) -> FaultOperator:
    def count(source: str) -> int:
        return _python.count(finder, source)

    def apply(source: str, site: int) -> str:
        return _python.apply(finder, source, site)

    return FaultOperator(name, "python", weakness, count, apply)


def _rust_op(name: str, weakness: tuple[str, ...], finder: _rust.Finder) -> FaultOperator:
    def count(source: str) -> int:
        return _rust.count(finder, source)

    def apply(source: str, site: int) -> str:
        return _rust.apply(finder, source, site)

    return FaultOperator(name, "rust", weakness, count, apply)


_OPERATORS: tuple[FaultOperator, ...] = (
    *(_python_op(name, w, f) for name, (w, f) in _python.OPERATORS.items()),
    *(_rust_op(name, w, f) for name, (w, f) in _rust.OPERATORS.items()),
)

for _op in _OPERATORS:
    register("fault", f"{_op.language}:{_op.name}")(_op)


def operators(language: str) -> list[FaultOperator]:
    """The registered operators for ``language``, sorted by name (empty if none)."""
    return sorted((op for op in members("fault").values()
                   if isinstance(op, FaultOperator) and op.language == language),
                  key=lambda op: op.name)


def _changed(source: str, mutated: str, language: str) -> bool:
    """Whether a mutant differs from the source as a program, not just in layout.

    Python mutants are unparsed from the AST, so they are compared by AST.
    """
    if mutated == source:
        return False
    return language != "python" or not _python.same_program(source, mutated)


def mutants(source: str, language: str) -> list[tuple[str, int, str]]:
    """Every (operator name, site, mutated source) that actually changes ``source``.

    Ordered by operator name, then site.
    """
    found: list[tuple[str, int, str]] = []
    for op in operators(language):
        for site in range(op.count(source)):
            mutated = op.apply(source, site)
            if _changed(source, mutated, language):
                found.append((op.name, site, mutated))
    return found


def inject(
    source: str, language: str, weakness: Sequence[str], choice: int
) -> tuple[str, int, str] | None:
    """Pick one fault for a simulated wrong answer, deterministically.

    Operators whose weakness intersects ``weakness`` and have a site that changes
    ``source`` are preferred; when there are none, any operator with such a site
    is used. ``choice`` (non-negative) picks the operator (``choice % k`` among
    the k candidates, sorted by name) and then the site
    (``choice // k`` modulo its sites). Returns (operator name, site, mutated
    source), or None when no operator changes the source.
    """
    if choice < 0:
        raise ValueError("choice must be non-negative")
    by_op: dict[str, list[tuple[int, str]]] = {}
    for name, site, mutated in mutants(source, language):
        by_op.setdefault(name, []).append((site, mutated))
    if not by_op:
        return None
    wanted = set(weakness)
    preferred = [
        op.name for op in operators(language) if op.name in by_op and wanted & set(op.weakness)
    ]
    pool = preferred or sorted(by_op)
    name = pool[choice % len(pool)]
    sites = by_op[name]
    site, mutated = sites[(choice // len(pool)) % len(sites)]
    return name, site, mutated
