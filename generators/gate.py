"""The gate every generated task passes before any assistant sees it.

:func:`gate` accepts a proposed child (:class:`~generators.mutators.base.Mutation`)
only when, in this order (cheapest first, the first failure is the reason):

1. it is well formed (generated, has a parent, the entry point is in the
   reference, there are tests);
2. it is within resource bounds (:class:`Bounds`: limits, number and size of
   files) — a generator must not be able to ask for an hour of CPU;
3. it is not a duplicate of a known task: same content hash, or the same
   normalised-syntax fingerprint (:func:`generators.validate.fingerprint`: the
   same code up to comments, docstrings, layout and names);
4. it passes :func:`generators.validate.validate` in the sandbox: the
   reference passes ``runs`` (3) runs, every hand-written mutant fails, and the
   tests kill at least ``min_score`` (0.8) of the automatic fault-operator
   mutants of the reference;
5. its reference runs, measured, take at most ``Bounds.reference_share`` of
   the task's wall-clock limit (a child that barely fits its limit would time
   out on a loaded night and be counted as the assistant's failure).

A rejected child is not thrown away: the caller records it in the lineage with
the reason (:func:`codecanary.lineage.record_child`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from codecanary.types import Task
from generators.validate import Validation, fingerprint, validate
from sandbox.base import Sandbox

if TYPE_CHECKING:  # generators.mutators imports this module: no runtime import back
    from generators.mutators.base import Mutation


@dataclass(frozen=True)
class Bounds:
    """Resource bounds for generated tasks.

    max_time_s, max_memory_mb: the largest ``[limits]`` a generated task may ask for.
    max_files, max_bytes: how many files (all parts together) and characters.
    reference_share: the slowest reference run must stay under this share of ``time``.
    """

    max_time_s: float = 120.0
    max_memory_mb: int = 2048
    max_files: int = 60
    max_bytes: int = 400_000
    reference_share: float = 0.8


@dataclass(frozen=True)
class GateResult:
    """The gate's answer: accepted or not, the reason (``"ok"`` when accepted), the
    sandbox validation when it got that far, and the child's fingerprint."""

    accepted: bool
    reason: str
    validation: Validation | None = None
    fingerprint: str = ""


class KnownTasks:
    """Content ids and fingerprints of the tasks a child must not duplicate.

    Build it once per campaign and :meth:`add` each accepted child, instead of
    passing the whole list (fingerprints are computed once per task).
    """

    def __init__(self, tasks: Iterable[Task] = ()) -> None:
        self.ids: dict[str, str] = {}
        self.prints: dict[str, str] = {}
        for t in tasks:
            self.add(t)

    def add(self, task: Task, fp: str | None = None) -> None:
        """Remember ``task`` (its id and fingerprint)."""
        self.ids.setdefault(task.id, task.name)
        self.prints.setdefault(fp or fingerprint(task), task.name)

    def duplicate(self, task: Task, fp: str) -> str | None:
        """Why ``task`` repeats a known task, or None."""
        if task.id in self.ids:
            return f"duplicate of {self.ids[task.id]} (same content hash {task.id})"
        if fp in self.prints:
            return (f"near-duplicate of {self.prints[fp]} (same code up to comments, layout "
                    f"and names; fingerprint {fp})")
        return None


def check_shape(task: Task, bounds: Bounds) -> str | None:
    """Steps 1 and 2 of the gate (no sandbox): why ``task`` is malformed or too big."""
    if task.origin != "generated" or not task.parent or not task.operator:
        return "not a generated task (origin, parent and operator must be set)"
    if task.entry_point not in task.reference:
        return f"the reference has no entry point {task.entry_point}"
    if not task.tests:
        return "the task has no tests"
    if not task.prompt.strip():
        return "the prompt is empty"
    if task.limits.time_s > bounds.max_time_s:
        return f"time limit {task.limits.time_s:g}s is above the bound {bounds.max_time_s:g}s"
    if task.limits.memory_mb > bounds.max_memory_mb:
        return (f"memory limit {task.limits.memory_mb} MiB is above the bound "
                f"{bounds.max_memory_mb} MiB")
    parts = [task.workspace, task.reference, task.tests, *task.mutants.values()]
    files = sum(len(p) for p in parts)
    size = len(task.prompt) + sum(len(v) for p in parts for v in p.values())
    if files > bounds.max_files:
        return f"{files} files is above the bound {bounds.max_files}"
    if size > bounds.max_bytes:
        return f"{size} characters is above the bound {bounds.max_bytes}"
    for p in parts:
        for path in p:
            if path.startswith("/") or ".." in path.split("/"):
                return f"file path {path!r} leaves the task folder"
    return None


def gate(sandbox: Sandbox, mutation: Mutation | Task, known: Iterable[Task] | KnownTasks = (),
         min_score: float = 0.8, runs: int = 3, bounds: Bounds | None = None) -> GateResult:
    """Run the gate on a proposed child (see the module docstring).

    ``known``: the tasks it must not duplicate (the suite and earlier children),
    as a list or a :class:`KnownTasks` index. Accepted children are *not* added
    to ``known``; the caller does that once it keeps the child.
    """
    task = mutation if isinstance(mutation, Task) else mutation.task
    bounds = bounds or Bounds()
    bad = check_shape(task, bounds)
    if bad:
        return GateResult(False, bad)
    index = known if isinstance(known, KnownTasks) else KnownTasks(known)
    try:
        fp = fingerprint(task)
    except (SyntaxError, ValueError, RecursionError) as exc:
        return GateResult(False, f"the code cannot be fingerprinted ({exc})")
    dup = index.duplicate(task, fp)
    if dup:
        return GateResult(False, dup, None, fp)
    result = validate(sandbox, task, runs=runs, auto_mutants=True, min_score=min_score)
    if not result.valid:
        return GateResult(False, "; ".join(result.reasons), result, fp)
    slowest = max(result.durations, default=0.0)
    if slowest > bounds.reference_share * task.limits.time_s:
        return GateResult(False, f"the reference took {slowest:.1f}s, over "
                          f"{bounds.reference_share:.0%} of the {task.limits.time_s:g}s limit",
                          result, fp)
    return GateResult(True, "ok", result, fp)
