"""Reading and writing reviews and failure details in the store.

The tables (``reviews``, ``failure_details``) are declared in
:mod:`codecanary.store` so that every ``Store`` creates them; rows are keyed by
(campaign, task, sample) like attempts, and written with replace semantics so a
resumed campaign that reviews an item again does not duplicate it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from codecanary.store import FailureDetailRow, ReviewRow, Store
from reviewers.base import ReviewOutcome, finding_to_dict


def save_review(store: Store, campaign_id: int, task_id: str, sample: int,
                outcome: ReviewOutcome) -> None:
    """Record (or replace) one reviewer's outcome on one attempt."""
    r = outcome.review
    with store.session() as s:
        s.execute(delete(ReviewRow).where(
            ReviewRow.campaign_id == campaign_id, ReviewRow.task_id == task_id,
            ReviewRow.sample == sample, ReviewRow.reviewer == r.reviewer))
        s.add(ReviewRow(campaign_id=campaign_id, task_id=task_id, sample=sample,
                        reviewer=r.reviewer, findings=[finding_to_dict(f) for f in r.findings],
                        rejected=outcome.rejected))


def save_failure_detail(store: Store, campaign_id: int, task_id: str, sample: int, *,
                        failure_class: str | None, counterexample: str | None,
                        evidence: str | None, reruns: list[bool]) -> None:
    """Record (or replace) the anatomy of one attempt's failure."""
    with store.session() as s:
        s.execute(delete(FailureDetailRow).where(
            FailureDetailRow.campaign_id == campaign_id, FailureDetailRow.task_id == task_id,
            FailureDetailRow.sample == sample))
        s.add(FailureDetailRow(campaign_id=campaign_id, task_id=task_id, sample=sample,
                               failure_class=failure_class, counterexample=counterexample,
                               evidence=evidence, reruns=reruns))


def reviews(store: Store, campaign_id: int) -> list[dict[str, Any]]:
    """Every review of a campaign: task_id, sample, reviewer, findings, rejected."""
    with store.session() as s:
        rows = s.scalars(select(ReviewRow).where(ReviewRow.campaign_id == campaign_id)
                         .order_by(ReviewRow.id))
        return [{"task_id": r.task_id, "sample": r.sample, "reviewer": r.reviewer,
                 "findings": list(r.findings), "rejected": r.rejected} for r in rows]


def failure_details(store: Store, campaign_id: int) -> dict[tuple[str, int], dict[str, Any]]:
    """(task_id, sample) -> counterexample, evidence, reruns of a campaign's failures."""
    with store.session() as s:
        rows = s.scalars(select(FailureDetailRow)
                         .where(FailureDetailRow.campaign_id == campaign_id))
        return {(r.task_id, r.sample): {"counterexample": r.counterexample,
                                        "evidence": r.evidence, "reruns": list(r.reruns)}
                for r in rows}
