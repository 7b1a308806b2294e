"""The anatomy of one failure: its class, counterexample, stack dump and re-runs.

A failing answer to a concurrency task is run again (up to ``max_reruns``
times, stopping as soon as a run comes out differently): a failure that does
not reproduce is a ``race``, whatever the first run said. The re-run itself is
injected (a callable returning a fresh sandboxed execution), so this module
never touches a sandbox.

Which reviewers run on a night is part of the campaign's spec (comma-separated
ids, default ``static``; e.g. ``static,model:local:qwen2.5-coder-1.5b``): built
once by :func:`build_reviewers`, injected through the campaign's deps and
recorded in its config, so a resumed campaign rebuilds the same set.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from codecanary.areas import RERUN_AREAS
from codecanary.types import Attempt, Execution, Review, Task
from reviewers.base import Reviewer, ReviewOutcome, SandboxLike, create
from reviewers.failures import classify, counterexample, stack_dump

log = logging.getLogger(__name__)

NOT_RERUN = frozenset({"infra", "no-code", "refusal"})
DEFAULT_REVIEWERS = "static"


@dataclass(frozen=True)
class Anatomy:
    """An execution with its final failure class, and the evidence for it."""

    execution: Execution
    counterexample: str | None = None
    evidence: str | None = None
    reruns: list[bool] = field(default_factory=list)


def dissect(task: Task, attempt: Attempt, execution: Execution,
            rerun: Callable[[], Execution] | None = None, max_reruns: int = 2) -> Anatomy:
    """Classify ``execution``; re-run failing concurrency answers to tell a race."""
    first = classify(execution, attempt, workspace=task.workspace)
    runs: list[Execution] = []
    wants_rerun = (first is not None and first not in NOT_RERUN and not execution.compile_error
                   and RERUN_AREAS & set(task.weakness) and rerun is not None)
    if wants_rerun and rerun is not None:
        for _ in range(max_reruns):
            runs.append(rerun())
            if classify(execution, attempt, runs, task.workspace) == "race":
                break
    cls = classify(execution, attempt, runs, task.workspace) if runs else first
    return Anatomy(dataclasses.replace(execution, failure_class=cls),
                   counterexample(execution) if cls else None,
                   stack_dump(execution) if cls else None,
                   [r.passed for r in runs])


def build_reviewers(spec: str, sandbox: SandboxLike | None) -> list[Reviewer]:
    """The reviewers named by ``spec`` (comma-separated ids; empty: none) on ``sandbox``.

    Raises what the registry and the reviewer factories raise for a bad id
    (LookupError for an unknown family, ValueError/RuntimeError for a bad model)."""
    return [create(s.strip(), sandbox) for s in spec.split(",") if s.strip()]


def run_reviewer(reviewer: Reviewer, task: Task, attempt: Attempt) -> ReviewOutcome:
    """``reviewer.review``, with a crash recorded as a rejection instead of raised."""
    independent = getattr(reviewer, "independent_of", None)
    if independent is not None and not independent(attempt.assistant, attempt.version):
        return ReviewOutcome(Review(reviewer.id), rejected="skipped: the reviewer model is "
                             "the assistant under test")
    try:
        return reviewer.review(task, attempt)
    except Exception as exc:  # a reviewer bug must not stop the night
        log.exception("reviewer %s failed on %s", reviewer.id, task.name)
        return ReviewOutcome(Review(reviewer.id),
                             rejected=f"reviewer crashed: {type(exc).__name__}: {exc}"[:500])
