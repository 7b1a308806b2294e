"""Task mutation operators without the sandbox: registry, consistency, determinism, depth.

Every operator is applied to every seed task it accepts; each child must be a
well-formed generated task whose parts were transformed together (prompt,
reference, tests and hand-written mutants), deterministic given the rng, and
mutable again. Gating children in the sandbox is in test_mutators_gate.py.
"""

from __future__ import annotations

import ast
import random
from collections import Counter

import pytest

from codecanary.registry import names
from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task, content_id
from generators.mutators import all_mutators, depth_of, mutators_for, propose
from generators.mutators.python._guard import handles_none, insert_guard
from tests.conftest import MINI_SUITE

SEEDS, _ = load_suite([default_suite_dir(), MINI_SUITE])
GREET_REF = ('def greet(name, greeting="hello", width=0):\n'
             '    return f"{greeting}, {name}".ljust(width)\n')
GREET_TESTS = {"test_greet.py": 'from solution import greet\n\n\ndef test_examples():\n'
               '    assert greet("bob") == "hello, bob"\n'
               '    assert greet("al", "hi") == "hi, al"\n'}
GREET = Task(content_id("python", "implement", "Write greet.", "solution.py", {},
                        {"solution.py": GREET_REF}, GREET_TESTS),
             "greet", "Greet", "python", "implement", ("boundaries",), "Write greet.",
             "solution.py", {}, {"solution.py": GREET_REF}, GREET_TESTS)
SEEDS.append(GREET)  # the suite has no function with a non-None, non-False default


def children(op_name: str, seed: int = 1) -> list[tuple[Task, object]]:
    op = next(m for m in all_mutators() if m.name == op_name)
    out = []
    for parent in SEEDS:
        child = op.propose(parent, random.Random(seed))
        if child is not None:
            out.append((parent, child))
    return out


def test_every_operator_is_registered_with_enough_per_area() -> None:
    registered = names("mutator")
    ops = all_mutators()
    assert sorted(m.name for m in ops) == registered
    per_area = Counter(m.weakness[0] for m in ops)
    for area in ("concurrency", "null-handling", "borrow-checking"):
        assert per_area[area] >= 4, area
    for area in ("boundaries", "error-handling", "state-management", "async", "security",
                 "contextual-amnesia", "performance"):
        assert per_area[area] >= 2, area
    assert all(m.name.startswith(m.weakness[0] + "/") for m in ops)


def test_mutators_for_filters_by_area_and_language() -> None:
    rust = mutators_for("borrow-checking", "rust")
    assert len(rust) >= 4 and all("rust" in m.languages for m in rust)
    assert mutators_for("borrow-checking", "python") == []
    conc = mutators_for("concurrency", "python")
    assert {m.weakness[0] for m in conc} == {"concurrency"}
    assert mutators_for("no-such-area", "python") == []


SINGLE = [m.name for m in all_mutators() if not getattr(m, "pairs", False)]
"""Operators of one parent (compose operators pair two: tests/generators/test_compose.py)."""


@pytest.mark.parametrize("op", SINGLE)
def test_children_are_consistent_generated_tasks(op: str) -> None:
    made = children(op)
    assert made, f"{op} applies to no seed task"
    for parent, mutation in made:
        child = mutation.task  # type: ignore[attr-defined]
        assert child.origin == "generated" and child.parent == parent.id
        assert child.operator == op == mutation.operator  # type: ignore[attr-defined]
        assert child.id == content_id(child.language, child.kind, child.prompt,
                                      child.entry_point, child.workspace, child.reference,
                                      child.tests)
        assert child.id != parent.id and child.weakness[0] == op.split("/")[0]
        assert mutation.params["depth"] == 1 == depth_of(child)  # type: ignore[attr-defined]
        # transformed together: prompt, reference and tests all changed, parent tests kept
        assert child.prompt != parent.prompt and child.prompt.startswith(parent.prompt.rstrip())
        assert child.reference[child.entry_point] != parent.reference[parent.entry_point]
        for path, text in parent.tests.items():
            assert child.tests.get(path, "").startswith(text.rstrip("\n")), path
        assert child.tests != parent.tests
        # a new known-bad variant; parent mutants kept (as mutants of the child)
        assert set(parent.mutants) < set(child.mutants)
        new_bad = set(child.mutants) - set(parent.mutants)
        for name in new_bad:
            bad = child.mutants[name][child.entry_point]
            assert bad != child.reference[child.entry_point]
        if child.language == "python":
            for files in (child.reference, child.workspace, child.tests,
                          *child.mutants.values()):
                for path, text in files.items():
                    if path.endswith(".py"):
                        ast.parse(text)


@pytest.mark.parametrize("op", SINGLE)
def test_deterministic_given_the_rng_and_mutable_again(op: str) -> None:
    first = children(op, seed=5)
    again = children(op, seed=5)
    assert [m.task.id for _, m in first] == [m.task.id for _, m in again]  # type: ignore[attr-defined]
    operator = next(m for m in all_mutators() if m.name == op)
    _parent, mutation = first[0]
    grandchild = operator.propose(mutation.task, random.Random(9))  # type: ignore[attr-defined]
    if grandchild is None:  # an operator that used up its only site: its area goes on
        grandchild = propose(mutation.task, operator.weakness[0], random.Random(9))  # type: ignore[attr-defined]
    assert grandchild is not None, f"{op}'s child cannot be mutated again in its area"
    assert grandchild.params["depth"] == 2 and depth_of(grandchild.task) == 2
    assert grandchild.task.parent == mutation.task.id  # type: ignore[attr-defined]
    assert grandchild.task.name.startswith(_parent.name + "-g2-")


def test_not_applicable_gives_none() -> None:
    rust = next(t for t in SEEDS if t.language == "rust")
    py_classes_only = next(t for t in SEEDS if t.name == "hit-counter")
    for m in mutators_for("concurrency", "python"):
        assert m.propose(rust, random.Random(1)) is None
        assert m.propose(py_classes_only, random.Random(1)) is None
    for m in mutators_for("borrow-checking", "rust"):
        assert m.propose(py_classes_only, random.Random(1)) is None


def test_propose_picks_an_applicable_operator() -> None:
    parent = next(t for t in SEEDS if t.name == "paginate")
    child = propose(parent, "security", random.Random(3))
    assert child is not None and child.task.weakness[0] == "security"
    assert propose(parent, "borrow-checking", random.Random(3)) is None


def test_none_guard_is_inserted_after_the_docstring() -> None:
    source = 'def f(a, b=1):\n    """Doc."""\n    return a + b\n'
    out = insert_guard(source, "f", "if a is None:\n    return None")
    assert out == ('def f(a, b=1):\n    """Doc."""\n    if a is None:\n        return None\n'
                   '    return a + b\n')
    assert insert_guard(source, "g", "pass") is None
    assert not handles_none(source, "f", "a")
    assert handles_none("def f(a):\n    if a is None:\n        return 0\n    return a\n",
                        "f", "a")
    assert handles_none("def f(a: int | None):\n    return a\n", "f", "a")
