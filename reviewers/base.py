"""The reviewer contract: a critique of one attempt, as findings with locations.

A reviewer reads an attempt (the files an assistant produced) against its task
and returns a :class:`ReviewOutcome`: the :class:`~codecanary.types.Review`
(findings: category, severity, location ``file:line``, text) and, when the
reviewer's own output could not be used (a model's malformed JSON, a crashed
linter), the reason it was rejected. A rejected review has no findings and is
recorded, never raised: a broken reviewer must not stop a night.

Reviewers register as ``("reviewer", name)``; the registered object is a
factory ``(argument or None, sandbox or None) -> Reviewer``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from codecanary.registry import get
from codecanary.types import WEAKNESSES, Attempt, Execution, Files, Finding, Limits, Review, Task

log = logging.getLogger(__name__)
CATEGORIES: tuple[str, ...] = (*WEAKNESSES, "correctness", "style")
"""What a finding may be about: a weakness area, plain correctness, or style."""

SEVERITIES = ("info", "warning", "error")


class SandboxLike(Protocol):
    """What reviewers need of a sandbox (``sandbox.base.Sandbox`` satisfies it)."""

    def run(self, files: Files, command: Sequence[str], limits: Limits, *,
            collect: Sequence[str] = (), env: Mapping[str, str] | None = None) -> Execution:
        """Run ``command`` in a fresh sandbox holding ``files``."""
        ...


@dataclass(frozen=True)
class ReviewOutcome:
    """A review, or why the reviewer's output was rejected (then ``review`` has no findings)."""

    review: Review
    rejected: str | None = None


class Reviewer(Protocol):
    """Critiques attempts. ``id`` names the reviewer in the store and the report."""

    id: str

    def review(self, task: Task, attempt: Attempt) -> ReviewOutcome:
        """Findings on ``attempt`` (never raises for bad input; rejects instead)."""
        ...


def prepare_round(reviewers: Sequence[Reviewer], attempts: Sequence[Attempt]) -> None:
    """Let reviewers that batch work (a ``prepare(attempts)`` method) see a round first."""
    for reviewer in reviewers:
        prepare = getattr(reviewer, "prepare", None)
        if prepare is not None:
            try:
                prepare(attempts)
            except Exception:  # a batch that fails is done one by one in review()
                log.exception("reviewer %s could not prepare the round", reviewer.id)


def is_flag(finding: Finding | Mapping[str, Any]) -> bool:
    """Whether a finding flags the attempt as defective: a warning or error, not style."""
    if isinstance(finding, Finding):
        category, severity = finding.category, finding.severity
    else:
        category, severity = finding["category"], finding["severity"]
    return severity != "info" and category != "style"


def create(spec: str, sandbox: SandboxLike | None = None) -> Reviewer:
    """A reviewer from its id: ``static``, ``model:anthropic:<model>``, ``model:local:<name>``."""
    family, _, arg = spec.partition(":")
    reviewer: Reviewer = get("reviewer", family)(arg or None, sandbox)
    return reviewer


def finding_to_dict(f: Finding) -> dict[str, str]:
    """A finding as plain JSON."""
    return {"category": f.category, "severity": f.severity, "location": f.location,
            "text": f.text}
