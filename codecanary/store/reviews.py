"""Reviews and failure details: the reviewers' critiques and the anatomy of each failure.

Rows are keyed by (campaign, task, sample) like attempts, and written with
replace semantics so a resumed campaign that reviews an item again does not
duplicate it. ``reviewers/records.py`` turns reviewer outcomes into these
calls; the LLM mutator reads a failure back through :meth:`ReviewQueries.latest_failure`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select

from codecanary.store.engine import StoreBase
from codecanary.store.rows import AttemptRow, ExecutionRow, FailureDetailRow, ReviewRow
from codecanary.types import Files


@dataclass(frozen=True)
class LatestFailure:
    """The latest failed (not infra) answer to one task in one campaign, with its anatomy.

    failure_class: the execution's class; detail_class and counterexample: what
    the failure anatomy recorded (None without a detail row); findings: each
    review's (reviewer, finding) in review order.
    """

    sample: int
    files: Files
    failure_class: str | None
    detail_class: str | None = None
    counterexample: str | None = None
    findings: tuple[tuple[str, dict[str, str]], ...] = field(default_factory=tuple)


class ReviewQueries(StoreBase):
    """The reviews and failure_details tables."""

    def save_review(self, campaign_id: int, task_id: str, sample: int, reviewer: str,
                    findings: list[dict[str, str]], rejected: str | None) -> None:
        """Record (or replace) one reviewer's findings (or why its output was rejected)."""
        with self.session() as s:
            s.execute(delete(ReviewRow).where(
                ReviewRow.campaign_id == campaign_id, ReviewRow.task_id == task_id,
                ReviewRow.sample == sample, ReviewRow.reviewer == reviewer))
            s.add(ReviewRow(campaign_id=campaign_id, task_id=task_id, sample=sample,
                            reviewer=reviewer, findings=findings, rejected=rejected))

    def save_failure_detail(self, campaign_id: int, task_id: str, sample: int, *,
                            failure_class: str | None, counterexample: str | None,
                            evidence: str | None, reruns: list[bool]) -> None:
        """Record (or replace) the anatomy of one attempt's failure."""
        with self.session() as s:
            s.execute(delete(FailureDetailRow).where(
                FailureDetailRow.campaign_id == campaign_id, FailureDetailRow.task_id == task_id,
                FailureDetailRow.sample == sample))
            s.add(FailureDetailRow(campaign_id=campaign_id, task_id=task_id, sample=sample,
                                   failure_class=failure_class, counterexample=counterexample,
                                   evidence=evidence, reruns=reruns))

    def reviews(self, campaign_id: int) -> list[dict[str, Any]]:
        """Every review of a campaign: task_id, sample, reviewer, findings, rejected."""
        with self.session() as s:
            rows = s.scalars(select(ReviewRow).where(ReviewRow.campaign_id == campaign_id)
                             .order_by(ReviewRow.id))
            return [{"task_id": r.task_id, "sample": r.sample, "reviewer": r.reviewer,
                     "findings": list(r.findings), "rejected": r.rejected} for r in rows]

    def failure_details(self, campaign_id: int) -> dict[tuple[str, int], dict[str, Any]]:
        """(task_id, sample) -> counterexample, evidence, reruns of a campaign's failures."""
        with self.session() as s:
            rows = s.scalars(select(FailureDetailRow)
                             .where(FailureDetailRow.campaign_id == campaign_id))
            return {(r.task_id, r.sample): {"counterexample": r.counterexample,
                                            "evidence": r.evidence, "reruns": list(r.reruns)}
                    for r in rows}

    def latest_failure(self, campaign_id: int, task_id: str) -> LatestFailure | None:
        """The latest failed answer to ``task_id`` in the campaign (highest sample, infra
        errors excluded) with its failure detail and reviews, or None if none failed."""
        with self.session() as s:
            row = s.execute(
                select(AttemptRow.sample, AttemptRow.files, ExecutionRow.failure_class)
                .join(ExecutionRow, ExecutionRow.attempt_id == AttemptRow.id)
                .where(AttemptRow.campaign_id == campaign_id, AttemptRow.task_id == task_id,
                       ExecutionRow.passed.is_(False), ExecutionRow.infra_error.is_(None))
                .order_by(AttemptRow.sample.desc())).first()
            if row is None:
                return None
            sample, files, failure_class = row
            detail = s.scalars(select(FailureDetailRow).where(
                FailureDetailRow.campaign_id == campaign_id, FailureDetailRow.task_id == task_id,
                FailureDetailRow.sample == sample)).first()
            reviews = list(s.scalars(select(ReviewRow).where(
                ReviewRow.campaign_id == campaign_id, ReviewRow.task_id == task_id,
                ReviewRow.sample == sample)))
            return LatestFailure(
                sample=sample, files=dict(files or {}), failure_class=failure_class,
                detail_class=detail.failure_class if detail else None,
                counterexample=detail.counterexample if detail else None,
                findings=tuple((r.reviewer, dict(f)) for r in reviews for f in r.findings))
