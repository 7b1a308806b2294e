"""The validation gate: is a task's reference right and are its tests sharp?

A task is valid when its reference passes its tests ``runs`` times in a row
(no flakes), every hand-written mutant fails, and, when asked, the tests kill
at least ``min_score`` of the automatic fault-operator mutants of the reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codecanary.types import Task
from generators.faults import mutants
from sandbox.base import Sandbox
from sandbox.runners import reference_files, run_tests


@dataclass(frozen=True)
class Validation:
    """Outcome of the gate for one task; ``reasons`` is empty when it is valid."""

    task: str
    reference_runs: list[bool]
    mutants_killed: dict[str, bool] = field(default_factory=dict)
    auto_killed: int = 0
    auto_total: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when no reason speaks against the task."""
        return not self.reasons

    @property
    def mutation_score(self) -> float | None:
        """Share of automatic mutants killed (None when none was tried)."""
        return self.auto_killed / self.auto_total if self.auto_total else None


def validate(sandbox: Sandbox, task: Task, runs: int = 3, auto_mutants: bool = False,
             min_score: float = 0.8) -> Validation:
    """Run the gate on ``task`` (see the module docstring)."""
    reasons: list[str] = []
    ref_runs = []
    for _ in range(runs):
        e = run_tests(sandbox, task, reference_files(task))
        ref_runs.append(e.passed)
        if e.infra_error:
            reasons.append(f"sandbox error: {e.infra_error}")
            break
        if not e.passed:
            detail = e.stderr[-300:] if e.compile_error else (
                next((t.name for t in e.tests if t.outcome != "passed"), e.stdout[-300:]))
            reasons.append(f"reference fails ({e.failure_class or e.verdict}): {detail}")
            break
    killed = {}
    for name in task.mutants:
        e = run_tests(sandbox, task, reference_files(task, name))
        killed[name] = not e.passed
        if e.passed:
            reasons.append(f"tests do not catch the hand-written mutant {name!r}")
    auto_k = auto_n = 0
    if auto_mutants:
        source = task.reference[task.entry_point]
        distinct = dict.fromkeys(m for _op, _site, m in mutants(source, task.language))
        for mutated in distinct:
            auto_n += 1
            e = run_tests(sandbox, task, {**task.reference, task.entry_point: mutated})
            auto_k += not e.passed
        if auto_n and auto_k / auto_n < min_score:
            reasons.append(f"mutation score {auto_k}/{auto_n} is below {min_score}")
    return Validation(task.name, ref_runs, killed, auto_k, auto_n, reasons)
