"""The gate for generated tasks, in the real bubblewrap sandbox (cheap checks first).

Each rejection reason is produced by a real child: malformed, out of bounds,
duplicate and near-duplicate (no sandbox needed), a broken reference, tests
that miss the known-bad variant; and an operator's child that is accepted.
"""

from __future__ import annotations

import random
from dataclasses import replace

from codecanary.tasks import load_task
from codecanary.types import Limits, Task
from generators.gate import Bounds, KnownTasks, check_shape, gate
from generators.mutators import Mutation, all_mutators
from sandbox.bwrap import BwrapSandbox
from tests.conftest import MINI_SUITE

PARENT = load_task(MINI_SUITE / "python" / "null-handling" / "display-name")


def child_of(op_name: str, parent: Task = PARENT, seed: int = 2) -> Mutation:
    op = next(m for m in all_mutators() if m.name == op_name)
    m = op.propose(parent, random.Random(seed))
    assert m is not None
    return m


def test_shape_and_bounds_are_checked_before_the_sandbox() -> None:
    m = child_of("boundaries/last-n")
    assert check_shape(m.task, Bounds()) is None
    assert "not a generated task" in (check_shape(PARENT, Bounds()) or "")
    slow = replace(m.task, limits=Limits(time_s=3000))
    assert "time limit 3000s is above the bound" in (check_shape(slow, Bounds()) or "")
    huge = replace(m.task, tests={**m.task.tests, "test_big.py": "x = 1\n" * 100_000})
    assert "characters is above the bound" in (check_shape(huge, Bounds()) or "")
    escape = replace(m.task, tests={**m.task.tests, "../evil.py": "x = 1\n"})
    assert "leaves the task folder" in (check_shape(escape, Bounds()) or "")
    no_entry = replace(m.task, reference={"other.py": "x = 1\n"})
    assert "no entry point" in (check_shape(no_entry, Bounds()) or "")
    # gate() stops at the first reason, without touching the sandbox
    r = gate(None, Mutation(slow, m.operator, m.params))  # type: ignore[arg-type]
    assert not r.accepted and r.validation is None and "time limit" in r.reason


def test_duplicates_and_near_duplicates_are_rejected_without_the_sandbox() -> None:
    m = child_of("boundaries/last-n")
    known = KnownTasks([PARENT, m.task])
    r = gate(None, m, known)  # type: ignore[arg-type]
    assert not r.accepted and r.reason.startswith("duplicate of") and r.validation is None
    ref = m.task.reference["solution.py"]
    renamed = ref.replace("start", "first_index")
    twin = replace(m.task, id="someotherid0000", prompt=m.task.prompt + "\nReworded.\n",
                   reference={"solution.py": "# a comment\n" + renamed})
    r = gate(None, twin, known)  # type: ignore[arg-type]
    assert not r.accepted and r.reason.startswith("near-duplicate of"), r.reason


def test_accepted_child_and_rejected_children(sandbox: BwrapSandbox) -> None:
    m = child_of("boundaries/last-n")
    ok = gate(sandbox, m, [PARENT], runs=1)
    assert ok.accepted, ok.reason
    assert ok.reason == "ok" and ok.validation is not None and ok.fingerprint
    score = ok.validation.mutation_score
    assert score is not None and score >= 0.8
    assert all(ok.validation.mutants_killed.values())
    assert len(ok.validation.durations) == 1

    entry = m.task.entry_point
    broken = replace(m.task, id="broken000000000", reference={
        entry: m.task.reference[entry].replace("max(len(calls) - n, 0)", "len(calls) - n")})
    r = gate(sandbox, broken, [PARENT], runs=1)
    assert not r.accepted and r.reason.startswith("reference fails"), r.reason

    weak_tests = {k: v for k, v in m.task.tests.items() if k in PARENT.tests}
    weak = replace(m.task, id="weak00000000000", tests=weak_tests)
    r = gate(sandbox, weak, [PARENT], runs=1)
    assert not r.accepted
    assert "tests do not catch the hand-written mutant 'last_n-bad'" in r.reason


def test_concurrency_child_passes_the_gate(sandbox: BwrapSandbox) -> None:
    r = gate(sandbox, child_of("concurrency/serialized-calls"), [PARENT], runs=1)
    assert r.accepted, r.reason


def test_rust_borrow_child_passes_the_gate(sandbox: BwrapSandbox) -> None:
    parent = load_task(MINI_SUITE / "rust" / "boundaries" / "sum-to")
    m = child_of("borrow-checking/mutate-while-iterating", parent)
    r = gate(sandbox, m, [parent], runs=1)
    assert r.accepted, r.reason
    assert r.validation is not None and r.validation.mutants_killed
