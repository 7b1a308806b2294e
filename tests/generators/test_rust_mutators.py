"""Rust operators for null-handling, concurrency and boundaries, through the real gate.

Cheap checks first (no sandbox): every operator applies to every Rust seed of
its area, transforms prompt, reference, workspace stub, tests and mutants
together, is deterministic, and refuses non-Rust parents. Then one child per
operator (each on a different seed of its area) and one grandchild go through
:func:`generators.gate.gate` in the bubblewrap sandbox: the reference passes 3
runs, the hand-written mutants (a racy read-modify-write included) fail, and
the tests kill >= 80% of the automatic fault-operator mutants. Rust compiles
cost seconds each, so the sandbox part is kept to seven gated tasks; the bench
(``bench/mutator_gate_share.py``) measures the pass share on more seeds.
"""

from __future__ import annotations

import random

import pytest

from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task
from generators.mutators import KnownTasks, Mutation, TaskMutator, all_mutators, gate
from generators.mutators.rust.boundaries import OPERATORS as BOUNDARY_OPS
from generators.mutators.rust.concurrency import OPERATORS as CONCURRENCY_OPS
from generators.mutators.rust.null_handling import OPERATORS as NULL_OPS
from sandbox.bwrap import BwrapSandbox

SEEDS, _ = load_suite([default_suite_dir()])
RUST_OPS: tuple[TaskMutator, ...] = (*NULL_OPS, *CONCURRENCY_OPS, *BOUNDARY_OPS)
# one seed per operator, a different one for each operator of an area
GATED = {
    "null-handling/rust-optional-defaults": "config-lookup",
    "null-handling/rust-chained-lookup": "inventory-optional-fields",
    "concurrency/rust-shared-tally": "atomic-hit-counter",
    "concurrency/rust-parallel-map": "bank-check-then-act",
    "boundaries/rust-clipped-window": "checked-windows",
    "boundaries/rust-inclusive-sum": "ring-buffer",
}


def seed(name: str) -> Task:
    return next(t for t in SEEDS if t.name == name and t.language == "rust")


def area_seeds(area: str) -> list[Task]:
    return [t for t in SEEDS if t.language == "rust" and t.weakness[0] == area]


def child(op: TaskMutator, parent: Task, rng_seed: int = 1) -> Mutation:
    m = op.propose(parent, random.Random(rng_seed))
    assert m is not None, f"{op.name} refused {parent.name}"
    return m


def test_registered_for_their_area_and_rust_only() -> None:
    names = {m.name for m in all_mutators()}
    for area, ops in (("null-handling", NULL_OPS), ("concurrency", CONCURRENCY_OPS),
                      ("boundaries", BOUNDARY_OPS)):
        assert len(ops) >= 2
        for op in ops:
            assert op.name in names and op.name.startswith(f"{area}/rust-")
            assert op.weakness == (area,) and op.languages == ("rust",)
    assert set(GATED) == {op.name for op in RUST_OPS}


@pytest.mark.parametrize("op", RUST_OPS, ids=lambda op: op.name)
def test_children_of_every_area_seed_extend_all_parts(op: TaskMutator) -> None:
    parents = area_seeds(op.weakness[0])
    assert len(parents) >= 3
    for parent in parents:
        m = child(op, parent)
        t, entry = m.task, parent.entry_point
        new = str(m.params["new"])
        assert t.origin == "generated" and t.parent == parent.id and t.operator == op.name
        assert t.weakness[0] == op.weakness[0] and m.depth == 1
        assert t.prompt.startswith(parent.prompt.rstrip())
        assert new in t.prompt[len(parent.prompt.rstrip()):]
        # the new item is fresh in the parent, defined in the reference, stubbed in the workspace
        assert new not in parent.reference[entry] and new not in parent.tests["tests.rs"]
        assert t.reference[entry].startswith(parent.reference[entry].rstrip())
        assert new in t.reference[entry] and "todo!()" not in t.reference[entry]
        assert t.workspace[entry].startswith(parent.workspace[entry].rstrip())
        assert new in t.workspace[entry] and "todo!()" in t.workspace[entry]
        # parent tests kept; new #[test] functions appended
        for path, text in parent.tests.items():
            assert t.tests[path].startswith(text.rstrip("\n")), path
        added = t.tests["tests.rs"][len(parent.tests["tests.rs"]):]
        assert added.count("#[test]") >= 2 and new in added
        assert "use " not in added  # a second `use` of a parent's import would not compile
        # parent mutants kept (with the new code), plus new hand-written ones
        assert set(parent.mutants) < set(t.mutants)
        for name in parent.mutants:
            assert new in t.mutants[name][entry]
        for name in set(t.mutants) - set(parent.mutants):
            bad = t.mutants[name][entry]
            assert bad != t.reference[entry] and bad.startswith(parent.reference[entry].rstrip())


def test_deterministic_and_fresh_names_at_depth_two() -> None:
    for op in RUST_OPS:
        parent = seed(GATED[op.name])
        first, again = child(op, parent, 7), child(op, parent, 7)
        assert first.task.id == again.task.id
        grand = child(op, first.task, 8)
        assert grand.depth == 2 and grand.task.parent == first.task.id
        assert grand.params["new"] != first.params["new"]
        assert grand.task.name.startswith(parent.name + "-g2-")


def test_none_on_parents_that_are_not_rust() -> None:
    python = [t for t in SEEDS if t.language == "python"][:5]
    assert python
    for op in RUST_OPS:
        for parent in python:
            assert op.propose(parent, random.Random(1)) is None


def _assert_accepted(sandbox: BwrapSandbox, m: Mutation, known: KnownTasks) -> None:
    r = gate(sandbox, m, known)
    assert r.accepted, f"{m.operator} on {m.task.name}: {r.reason}"
    v = r.validation
    assert v is not None and set(v.mutants_killed) == set(m.task.mutants)
    assert all(v.mutants_killed.values()) and v.auto_total > 0
    assert v.auto_killed >= 0.8 * v.auto_total


@pytest.mark.parametrize("op", RUST_OPS, ids=lambda op: op.name)
def test_child_passes_the_gate(sandbox: BwrapSandbox, op: TaskMutator) -> None:
    parent = seed(GATED[op.name])
    _assert_accepted(sandbox, child(op, parent, 3), KnownTasks(SEEDS))


def test_grandchild_passes_the_gate(sandbox: BwrapSandbox) -> None:
    """Depth 2: a concurrency child of a null-handling child, then gated."""
    first = child(NULL_OPS[1], seed("manager-chain"), 4)
    grand = child(CONCURRENCY_OPS[0], first.task, 5)
    assert grand.depth == 2 and grand.task.parent == first.task.id
    assert grand.task.weakness[:2] == ("concurrency", "null-handling")
    _assert_accepted(sandbox, grand, KnownTasks([*SEEDS, first.task]))
