"""The weakness areas: one table row each, the only place to add an area.

A task's ``weakness`` names areas from this table (the first is its primary
area, the unit of the per-area statistics). Each row says what the area
probes, which words in an imported problem tag it, whether a failing answer is
run again to tell a race from a deterministic failure, and which languages it
applies to. Everything else is derived from the table: the list of areas
(:data:`codecanary.types.WEAKNESSES`, the CLI's ``--weakness`` choices, the
profile and task checks), the importer's keyword rules, the re-run policy of
the failure anatomy and the task loader's language check.

Task mutators and fault operators name their area by its string; a new area
needs a row here and then seed tasks or mutators that use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    """One weakness area.

    name: the tag in ``task.toml`` and everywhere else (``null-handling``).
    description: what a task of this area probes, in one line.
    keywords: words that tag an imported benchmark problem with this area
        (:func:`generators.importers.weakness_of`), or None; ``keyword_rank``
        orders the tags of a problem that matches several (the first becomes
        its primary area).
    rerun: a failing answer is run again (a race shows as a flip), see
        :mod:`reviewers.anatomy`.
    languages: the only languages whose tasks may carry the area (None: all).
    """

    name: str
    description: str
    keywords: re.Pattern[str] | None = None
    keyword_rank: int = 0
    rerun: bool = False
    languages: tuple[str, ...] | None = None

    def allows(self, language: str) -> bool:
        """Whether a task in ``language`` may carry this area."""
        return self.languages is None or language in self.languages


AREAS: tuple[Area, ...] = (
    Area("concurrency", "shared state under threads: locks, atomics, races", rerun=True),
    Area("null-handling", "absent values: None, null, Option, Optional results",
         keywords=re.compile(r"\bNone\b|Optional\[|\bOption<|\bnull\b"), keyword_rank=1),
    Area("borrow-checking", "Rust ownership: moves, borrows, lifetimes",
         languages=("rust",)),
    Area("boundaries", "edges of the input: empty, last index, overflow",
         keywords=re.compile(r"\bempty\b|\boverflow\b|\[\s*-1\s*\]|\blen\(\w+\)\s*-\s*1\b",
                             re.I), keyword_rank=4),
    Area("error-handling", "failures reported, propagated or raised as specified",
         keywords=re.compile(r"\braise\b|\bValueError\b|\bResult<|\bpanic!"), keyword_rank=2),
    Area("state-management", "state kept across calls: caches, sessions, invalidation"),
    Area("async", "async code: awaiting, cancellation, ordering of tasks", rerun=True),
    Area("security", "untrusted input: injection, traversal, unsafe defaults"),
    Area("contextual-amnesia", "conventions of the surrounding code followed, not forgotten"),
    Area("performance", "the complexity the task asks for, not a slower answer",
         keywords=re.compile(r"\befficient(ly)?\b", re.I), keyword_rank=3),
)
"""Every area, in the order the CLI and the reports list them."""

BY_NAME: dict[str, Area] = {a.name: a for a in AREAS}

CATCH_ALL = "boundaries"
"""The area of an imported problem no keyword matches: small algorithmic problems
whose failures are mostly edge cases (empty input, off-by-one)."""

NAMES: tuple[str, ...] = tuple(a.name for a in AREAS)
"""The area names, in table order (:data:`codecanary.types.WEAKNESSES`)."""

RERUN_AREAS: frozenset[str] = frozenset(a.name for a in AREAS if a.rerun)
"""Areas whose failing answers are run again to tell a race."""

KEYWORD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (a.name, a.keywords) for a in sorted(AREAS, key=lambda a: a.keyword_rank)
    if a.keywords is not None)
"""(area, pattern) for the importer, in tag order."""


def language_error(name: str, language: str) -> str | None:
    """Why a task in ``language`` may not carry area ``name`` (None when it may)."""
    area = BY_NAME[name]
    if area.allows(language):
        return None
    only = ", ".join(lang.capitalize() for lang in area.languages or ())
    return f"{name} is for {only} only"
