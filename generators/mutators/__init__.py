"""Task mutation operators: derive harder children of a task, toward one weakness area.

The interface for the campaign (``agent/``)::

    from generators.mutators import Mutation, TaskMutator, mutators_for, gate, KnownTasks
    from codecanary import lineage

    ops = mutators_for("null-handling", "python")      # registered ("mutator", name)
    m = ops[0].propose(parent, random.Random(seed))      # Mutation | None (not applicable)
    r = gate(sandbox, m, known)                          # GateResult(accepted, reason, validation)
    lineage.record_child(store, m.task, m.params, r.accepted, r.reason, parent=parent)
    # malformed LLM replies: lineage.record_rejected(store, parent.id, "llm", params, reason, raw)
    # gate pass share per operator (probe output, report):
    lineage.gate_shares(lineage.load(store))             # {operator: (accepted, proposed)}

* :class:`Mutation` — ``task`` (the child: origin ``generated``, ``parent`` and
  ``operator`` set, fresh content id, name ``<seed>-g<depth>-<hash>``),
  ``operator`` (name) and ``params`` (plain JSON, always with ``depth``).
* :class:`TaskMutator` — ``name``, ``weakness`` (areas, first = the child's
  primary area), ``languages``; ``propose(parent, rng)`` is deterministic given
  ``rng`` and returns None when the operator does not apply to ``parent``.
  Children can be mutated again (depth 2, 3, ...).
* :func:`mutators_for` — the registered operators for an area and a language.
* :func:`propose` — try the operators of an area in ``rng`` order; the first child.
* :func:`gate` / :class:`GateResult` / :class:`KnownTasks` / :class:`Bounds` —
  see :mod:`generators.gate`: well formed, within bounds, not a (near-)duplicate,
  reference passes 3 runs, mutants killed, mutation score >= 0.8.
* The LLM mutator (:mod:`generators.llm_mutator`) proposes children from a
  model and failure evidence; it is not registered here because it needs a model.

Operators live one module per weakness family (``null_handling``,
``concurrency``, ``borrow`` (Rust), ``boundaries``, ``errors``, ``state``,
``asyncio_ops``, ``security``, ``amnesia``, ``performance``); every one is
registered in the plug-in registry as family ``"mutator"`` under its name, so a
user's own operator is one ``register("mutator", name)`` away.
"""

from __future__ import annotations

import random
from typing import cast

from codecanary.registry import members, register
from codecanary.types import Task
from generators.gate import Bounds, GateResult, KnownTasks, gate
from generators.mutators import (
    amnesia,
    asyncio_ops,
    borrow,
    boundaries,
    compose,
    concurrency,
    concurrency_pool,
    cpp_ops,
    errors,
    java_ops,
    js_ops,
    null_handling,
    performance,
    rust_boundaries,
    rust_concurrency,
    rust_null,
    security,
    state,
)
from generators.mutators.base import Mutation, TaskMutator, depth_of, derive

__all__ = ["Bounds", "GateResult", "KnownTasks", "Mutation", "TaskMutator", "all_mutators",
           "depth_of", "derive", "gate", "mutators_for", "propose"]

_BUILTIN: tuple[TaskMutator, ...] = (
    *null_handling.OPERATORS,
    *concurrency.OPERATORS,
    *concurrency_pool.OPERATORS,
    *borrow.OPERATORS,
    *boundaries.OPERATORS,
    *errors.OPERATORS,
    *state.OPERATORS,
    *asyncio_ops.OPERATORS,
    *security.OPERATORS,
    *amnesia.OPERATORS,
    *performance.OPERATORS,
    *rust_null.OPERATORS,
    *rust_concurrency.OPERATORS,
    *rust_boundaries.OPERATORS,
    *js_ops.OPERATORS,
    *cpp_ops.OPERATORS,
    *java_ops.OPERATORS,
    *compose.OPERATORS,
)

for _op in _BUILTIN:
    register("mutator", _op.name)(_op)


def all_mutators() -> list[TaskMutator]:
    """Every registered operator, sorted by name."""
    return [cast(TaskMutator, m) for _, m in sorted(members("mutator").items())]


def mutators_for(weakness: str, language: str) -> list[TaskMutator]:
    """Registered operators whose areas include ``weakness`` and that take ``language``.

    Operators whose *primary* area is ``weakness`` come first, then by name.
    """
    found = [m for m in all_mutators() if weakness in m.weakness and language in m.languages]
    return sorted(found, key=lambda m: (m.weakness[0] != weakness, m.name))


def propose(parent: Task, weakness: str, rng: random.Random) -> Mutation | None:
    """A child of ``parent`` toward ``weakness``: the operators are tried in an order
    drawn from ``rng``; the first that applies wins (None when none applies)."""
    ops = mutators_for(weakness, parent.language)
    rng.shuffle(ops)
    for op in ops:
        child = op.propose(parent, rng)
        if child is not None:
            return child
    return None
