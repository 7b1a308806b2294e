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

Layout: one package per language, one module per weakness area in it
(``python/null_handling.py``, ``rust/borrow_checking.py``, ``cpp/boundaries.py``,
...); each language's ``_extend`` module is the one way its operators add code,
tests, a prompt section and mutants to a task; helpers used by several languages
are in :mod:`.shared`; snippets and test bodies are module-level templates, so
each ``propose`` only picks names and values. Compositions of two tasks are in
:mod:`.compose`, the contract in :mod:`.base`. Every operator is registered in
the plug-in registry as family ``"mutator"`` under its name, so a user's own
operator is one ``register("mutator", name)`` away.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
from typing import cast

from codecanary.registry import members, register
from codecanary.types import Task
from generators.gate import Bounds, GateResult, KnownTasks, gate
from generators.mutators import compose
from generators.mutators.base import Mutation, TaskMutator, depth_of, derive

__all__ = ["Bounds", "GateResult", "KnownTasks", "Mutation", "TaskMutator", "all_mutators",
           "depth_of", "derive", "gate", "mutators_for", "propose"]



def _language_packages() -> list[str]:
    """Every language package here (``python``, ``rust``, ...): no list to edit for a new one."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if info.ispkg
                  and info.name != "shared")


for _lang in _language_packages():
    _module = importlib.import_module(f"{__name__}.{_lang}")
    for _op in (*getattr(_module, "OPERATORS", ()),):
        register("mutator", _op.name)(_op)
for _op in compose.OPERATORS:
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
