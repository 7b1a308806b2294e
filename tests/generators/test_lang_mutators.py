"""JavaScript, C++ and Java task mutation operators, through the real gate.

Cheap checks first (no sandbox): the operators are registered for their area
and language, apply to every seed of their language, extend prompt, reference,
workspace stub, tests and mutants together, are deterministic given the rng,
give fresh names at depth 2 and refuse parents of other languages. Then one
child per operator goes through :func:`generators.gate.gate` in the bubblewrap
sandbox (reference 3 runs, every hand-written mutant killed; these languages
have no automatic fault operators, so the mutation score is not part of the
verdict), plus one JavaScript grandchild whose workspace stub must load and
fail only the new tests. C++ and Java compiles cost seconds each, so the
sandbox part is kept to a few tasks; ``bench/mutator_gate_share.py`` measures
the pass share on more seeds.
"""

from __future__ import annotations

import random

import pytest

from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task
from generators.mutators import KnownTasks, Mutation, TaskMutator, all_mutators, gate, mutators_for
from generators.mutators.cpp import OPERATORS as CPP_OPS
from generators.mutators.java import OPERATORS as JAVA_OPS
from generators.mutators.javascript import OPERATORS as JS_OPS
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import reference_files, run_tests

SEEDS, _ = load_suite([default_suite_dir()])
OPS: tuple[TaskMutator, ...] = (*JS_OPS, *CPP_OPS, *JAVA_OPS)
STUB = {"javascript": 'throw new Error("not implemented")',
        "cpp": 'throw std::logic_error("not implemented")',
        "java": 'throw new UnsupportedOperationException("not implemented")'}
# one seed per operator for the sandboxed part, a different one per operator of a language
GATED = {
    "null-handling/js-nullish-defaults": "get-set-in",
    "boundaries/js-inclusive-slice": "emitter-once-repair",
    "null-handling/cpp-optional-label": "user-lookup-repair",
    "boundaries/cpp-inclusive-sum": "parse-fields",
    "null-handling/java-null-label": "customer-summary-refactor",
    "boundaries/java-inclusive-sum": "close-all-repair",
    "state-management/js-fresh-instances": "chunk-range",
    "error-handling/cpp-checked-parse": "sorted-bounds",
    "error-handling/java-checked-parse": "window-max",
}


def lang_seeds(language: str) -> list[Task]:
    return [t for t in SEEDS if t.language == language]


def seed(name: str) -> Task:
    return next(t for t in SEEDS if t.name == name)


def child(op: TaskMutator, parent: Task, rng_seed: int = 1) -> Mutation:
    m = op.propose(parent, random.Random(rng_seed))
    assert m is not None, f"{op.name} refused {parent.name}"
    return m


def new_files(parent: Task, m: Mutation) -> list[str]:
    return sorted(set(m.task.tests) - set(parent.tests))


def test_registered_per_area_and_language() -> None:
    names = {m.name for m in all_mutators()}
    for language, ops in (("javascript", JS_OPS), ("cpp", CPP_OPS), ("java", JAVA_OPS)):
        assert {op.weakness for op in ops} >= {("null-handling",), ("boundaries",)}
        for op in ops:
            assert op.name in names and op.languages == (language,)
            assert op.name.startswith(f"{op.weakness[0]}/")
            assert op in mutators_for(op.weakness[0], language)
            assert op not in mutators_for(op.weakness[0], "python")
    assert set(GATED) == {op.name for op in OPS}


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.name)
def test_children_of_every_seed_of_the_language_extend_all_parts(op: TaskMutator) -> None:
    parents = lang_seeds(op.languages[0])
    assert len(parents) >= 3
    for parent in parents:
        m = child(op, parent)
        t, entry, new = m.task, parent.entry_point, str(m.params["new"])
        assert t.origin == "generated" and t.parent == parent.id and t.operator == op.name
        assert t.weakness[0] == op.weakness[0] and m.depth == 1
        assert t.name.startswith(parent.name + "-g1-") and t.id != parent.id
        assert t.prompt.startswith(parent.prompt.rstrip())
        assert new in t.prompt[len(parent.prompt.rstrip()):]
        # fresh in the parent; implemented in the reference, stubbed in the workspace
        assert all(new not in text for text in (*parent.reference.values(),
                                                *parent.tests.values()))
        assert new in t.reference[entry] and STUB[t.language] not in t.reference[entry]
        assert new in t.workspace[entry] and STUB[t.language] in t.workspace[entry]
        for part, old in ((t.reference[entry], parent.reference[entry]),
                          (t.workspace[entry], parent.workspace[entry])):
            assert len(part) > len(old)
            if t.language != "java":  # Java inserts the method inside the class
                assert part.startswith(old.rstrip())
            assert old.rstrip().splitlines()[0] == part.splitlines()[0]
        # parent tests kept unchanged; one new test file naming the new function
        assert {p: t.tests[p] for p in parent.tests} == parent.tests
        added = new_files(parent, m)
        assert len(added) == 1 and new in t.tests[added[0]]
        if t.language == "javascript":
            assert added[0].endswith(".test.js")
        # parent mutants kept (with the new code), plus hand-written ones of the new code
        assert set(parent.mutants) < set(t.mutants)
        for name in parent.mutants:
            assert new in t.mutants[name][entry]
        for name in set(t.mutants) - set(parent.mutants):
            bad = t.mutants[name][entry]
            assert new in bad and bad != t.reference[entry]


def test_deterministic_and_fresh_names_at_depth_two() -> None:
    for op in OPS:
        parent = seed(GATED[op.name])
        first, again = child(op, parent, 7), child(op, parent, 7)
        assert first.task.id == again.task.id and first.task.tests == again.task.tests
        assert child(op, parent, 8).params["seed"] != first.params["seed"]
        grand = child(op, first.task, 8)
        assert grand.depth == 2 and grand.task.parent == first.task.id
        assert grand.params["new"] != first.params["new"]
        assert grand.task.name.startswith(parent.name + "-g2-")
        assert set(first.task.tests) < set(grand.task.tests)
        assert set(first.task.mutants) < set(grand.task.mutants)


def test_none_on_parents_of_other_languages() -> None:
    others = [t for t in SEEDS if t.language in ("python", "rust")][:6]
    for op in OPS:
        for parent in [*others, *(t for t in SEEDS if t.language in
                                  {"javascript", "cpp", "java"} - set(op.languages))]:
            assert op.propose(parent, random.Random(1)) is None, (op.name, parent.name)


def _assert_accepted(sandbox: BwrapSandbox, m: Mutation, known: KnownTasks) -> None:
    r = gate(sandbox, m, known)
    assert r.accepted, f"{m.operator} on {m.task.name}: {r.reason}"
    v = r.validation
    assert v is not None and set(v.mutants_killed) == set(m.task.mutants)
    assert all(v.mutants_killed.values()) and v.reference_runs == [True] * 3


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.name)
def test_child_passes_the_gate(sandbox: BwrapSandbox, op: TaskMutator) -> None:
    _assert_accepted(sandbox, child(op, seed(GATED[op.name]), 3), KnownTasks(SEEDS))


def test_js_grandchild_passes_the_gate_and_its_stub_fails_only_new_tests(
        sandbox: BwrapSandbox) -> None:
    """Depth 2: a boundaries child of a null-handling child of a JavaScript seed."""
    parent = seed("chunk-range")
    first = child(JS_OPS[0], parent, 4)
    grand = child(JS_OPS[1], first.task, 5)
    assert grand.task.weakness[:2] == ("boundaries", "null-handling")
    _assert_accepted(sandbox, grand, KnownTasks([*SEEDS, first.task]))
    # the reference with only the new functions stubbed out: loads, fails the new tests only
    stubbed = dict(parent.reference)
    entry = parent.entry_point
    stubbed[entry] = grand.task.workspace[entry].replace(
        parent.workspace[entry].rstrip(), parent.reference[entry].rstrip())
    e = run_tests(sandbox, grand.task, stubbed)
    assert not e.compile_error and not e.passed
    failed = {x.name for x in e.tests if x.outcome != "passed"}
    news = (str(first.params["new"]), str(grand.params["new"]))
    assert failed and all(any(n in f for n in news) for f in failed), failed
    assert run_tests(sandbox, grand.task, reference_files(grand.task)).passed
