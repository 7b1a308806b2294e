"""The task-mutation contract: a :class:`TaskMutator` turns a parent task into a child.

A *task mutation operator* (not to be confused with the code-level fault
operators of :mod:`generators.faults`) derives a new, harder or different task
from a parent: it transforms the prompt, the workspace, the reference, the
hidden tests and the hand-written mutants *together*, so that the child is
consistent. A proposed child is only a candidate: it must pass the gate
(:func:`generators.gate.gate`) before any assistant sees it.

Rules every operator follows:

* ``propose(parent, rng)`` is deterministic given the state of ``rng``; it
  returns ``None`` when the operator does not apply to the parent (wrong
  language, no suitable function, ...). It never runs code: generated code only
  ever runs in the sandbox, inside the gate.
* The child has ``origin="generated"``, ``parent=<parent id>``,
  ``operator=<operator name>`` and its own content id; ``params`` are plain JSON
  values and always hold ``"depth"`` (parent depth + 1; seeds are depth 0), so a
  child can be mutated again (depth 2, 3, ...).
* Children keep every parent test, so whatever the parent checked still holds.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

from codecanary.types import Files, Task, content_id

_DEPTH = re.compile(r"-g(\d+)-[0-9a-f]{6}$")


@dataclass(frozen=True)
class Mutation:
    """A proposed child task.

    task: the child (origin ``generated``, ``parent`` = parent id, ``operator`` = name).
    operator: registered name of the operator that made it.
    params: JSON-serialisable parameters of this application; always has ``depth``.
    """

    task: Task
    operator: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def parent(self) -> str:
        """Id of the parent task (the first parent, for compositions)."""
        return self.task.parent or ""

    @property
    def depth(self) -> int:
        """Generations from the seed (1 for a child of a seed)."""
        value = self.params.get("depth", 1)
        return value if isinstance(value, int) else 1


@runtime_checkable
class TaskMutator(Protocol):
    """A task mutation operator, registered as ``("mutator", name)``.

    name: unique slug, e.g. ``"null-handling/none-passthrough"``.
    weakness: the areas its children exercise (the first is the child's primary area).
    languages: the parent languages it applies to.
    """

    @property
    def name(self) -> str:
        """Unique slug, ``<area>/<what>``."""
        ...

    @property
    def weakness(self) -> tuple[str, ...]:
        """Areas the children exercise; the first is the child's primary area."""
        ...

    @property
    def languages(self) -> tuple[str, ...]:
        """Parent languages the operator applies to."""
        ...

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        """A child of ``parent`` (deterministic given ``rng``), or None when not applicable."""
        ...


def depth_of(task: Task) -> int:
    """Generations between ``task`` and its seed (0 for seed and imported tasks)."""
    m = _DEPTH.search(task.name)
    return int(m.group(1)) if m and task.origin == "generated" else 0


def base_name(task: Task) -> str:
    """The task's name without the ``-g<depth>-<hash>`` suffix of generated tasks."""
    return _DEPTH.sub("", task.name) if task.origin == "generated" else task.name


def derive(parent: Task, operator: str, params: dict[str, object], *,
           prompt: str | None = None, workspace: Files | None = None,
           reference: Files | None = None, tests: Files | None = None,
           mutants: dict[str, Files] | None = None, weakness: tuple[str, ...] | None = None,
           title: str | None = None, difficulty: str | None = None) -> Mutation:
    """Build the child task of ``parent`` with the given parts replaced.

    Sets origin, parent, operator, a fresh content id, ``params["depth"]`` and a
    name ``<seed-name>-g<depth>-<id[:6]>``; the weakness tags are the operator's
    area first, then the parent's (deduplicated).
    """
    depth = depth_of(parent) + 1
    p = {**params, "depth": depth}
    prompt = parent.prompt if prompt is None else prompt
    workspace = dict(parent.workspace) if workspace is None else workspace
    reference = dict(parent.reference) if reference is None else reference
    tests = dict(parent.tests) if tests is None else tests
    tid = content_id(parent.language, parent.kind, prompt, parent.entry_point, workspace,
                     reference, tests)
    tags = tuple(dict.fromkeys((*(weakness or ()), *parent.weakness)))
    child = replace(
        parent, id=tid, name=f"{base_name(parent)}-g{depth}-{tid[:6]}",
        title=title or parent.title, weakness=tags, prompt=prompt, workspace=workspace,
        reference=reference, tests=tests,
        mutants=dict(parent.mutants) if mutants is None else mutants,
        difficulty=difficulty or _harder(parent.difficulty), origin="generated",
        parent=parent.id, operator=operator, path=None, license=parent.license)
    return Mutation(child, operator, p)


def _harder(difficulty: str) -> str:
    return {"easy": "medium", "medium": "hard"}.get(difficulty, "hard")


def unique_name(base: str, taken: str) -> str:
    """``base``, or ``base2``, ``base3``... : the first identifier not found in ``taken``."""
    name, n = base, 1
    while re.search(rf"\b{re.escape(name)}\b", taken):
        n += 1
        name = f"{base}{n}"
    return name
