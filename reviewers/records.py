"""Reading and writing reviews and failure details, through the store.

The tables and their SQL are the store's (:mod:`codecanary.store.reviews`):
rows are keyed by (campaign, task, sample) like attempts, and written with
replace semantics so a resumed campaign that reviews an item again does not
duplicate it. This module turns a reviewer's :class:`ReviewOutcome` into a row.
"""

from __future__ import annotations

from typing import Any

from codecanary.store import Store
from reviewers.base import ReviewOutcome, finding_to_dict


def save_review(store: Store, campaign_id: int, task_id: str, sample: int,
                outcome: ReviewOutcome) -> None:
    """Record (or replace) one reviewer's outcome on one attempt."""
    r = outcome.review
    store.save_review(campaign_id, task_id, sample, r.reviewer,
                      [finding_to_dict(f) for f in r.findings], outcome.rejected)


def save_failure_detail(store: Store, campaign_id: int, task_id: str, sample: int, *,
                        failure_class: str | None, counterexample: str | None,
                        evidence: str | None, reruns: list[bool]) -> None:
    """Record (or replace) the anatomy of one attempt's failure."""
    store.save_failure_detail(campaign_id, task_id, sample, failure_class=failure_class,
                              counterexample=counterexample, evidence=evidence, reruns=reruns)


def reviews(store: Store, campaign_id: int) -> list[dict[str, Any]]:
    """Every review of a campaign: task_id, sample, reviewer, findings, rejected."""
    return store.reviews(campaign_id)


def failure_details(store: Store, campaign_id: int) -> dict[tuple[str, int], dict[str, Any]]:
    """(task_id, sample) -> counterexample, evidence, reruns of a campaign's failures."""
    return store.failure_details(campaign_id)
