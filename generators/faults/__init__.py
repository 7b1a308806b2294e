"""Fault operators: small deterministic mutations that make correct code plausibly wrong.

A fault operator models one kind of mistake an AI code assistant makes (forgetting
a ``None`` check, dropping a lock, moving instead of borrowing, ...). Each has a
number of *sites* in a given source and can be applied at any one of them. They
serve two purposes:

* a simulated assistant answers with the reference solution passed through one
  fault (:func:`inject`), so the pipeline can be exercised without a model;
* a task's tests are scored by how many mutants (:func:`mutants`) they kill.

Each language's operators live in its own module here (:mod:`generators.faults.python`,
:mod:`generators.faults.rust`, ...), which registers them in the plug-in registry as
family ``"fault"`` under ``"<language>:<name>"``; importing this package imports
every module in it, so a new language's fault module needs no edit elsewhere (a
third party's is announced as an entry point of ``codecanary.plugins``).
:func:`operators`, :func:`mutants` and :func:`inject` read the registry.
"""

from __future__ import annotations

from collections.abc import Sequence

from codecanary.registry import import_submodules, members
from generators.faults.base import FaultOperator

import_submodules(__name__)  # every language's fault module registers its operators

__all__ = ["FaultOperator", "inject", "mutants", "operators"]


def operators(language: str) -> list[FaultOperator]:
    """The registered operators for ``language``, sorted by name (empty if none)."""
    return sorted((op for op in members("fault").values()
                   if isinstance(op, FaultOperator) and op.language == language),
                  key=lambda op: op.name)


def _changed(source: str, mutated: str, op: FaultOperator) -> bool:
    """Whether a mutant differs from the source as a program, not just in layout
    (an operator that rewrites from a syntax tree says what "the same" is)."""
    if mutated == source:
        return False
    return op.same_program is None or not op.same_program(source, mutated)


def mutants(source: str, language: str) -> list[tuple[str, int, str]]:
    """Every (operator name, site, mutated source) that actually changes ``source``.

    Ordered by operator name, then site.
    """
    found: list[tuple[str, int, str]] = []
    for op in operators(language):
        for site in range(op.count(source)):
            mutated = op.apply(source, site)
            if _changed(source, mutated, op):
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
