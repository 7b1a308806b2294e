"""Persistence: the one place that speaks SQL (SQLAlchemy 2).

:class:`Store` is the database of a process: one engine (:mod:`.engine`) and
the typed queries of each concern, one module each — campaigns and attempts
(:mod:`.campaigns`), tasks (:mod:`.tasks`), reviews and failure details
(:mod:`.reviews`), the lineage of generated tasks (:mod:`.lineage`). The
tables are in :mod:`.rows`. Nothing outside this package imports SQLAlchemy
(tests/core/test_store_owns_sql.py checks it); callers ask ``Store`` methods.
"""

from __future__ import annotations

from codecanary.store.campaigns import CampaignQueries
from codecanary.store.engine import DEFAULT_DB, checkpoint_path
from codecanary.store.lineage import LineageQueries
from codecanary.store.reviews import LatestFailure, ReviewQueries
from codecanary.store.rows import (
    AttemptRow,
    Base,
    CampaignRow,
    ExecutionRow,
    FailureDetailRow,
    LineageEdgeRow,
    ReviewRow,
    TaskRow,
)
from codecanary.store.tasks import TaskQueries
from codecanary.task_json import task_to_json

__all__ = [
    "DEFAULT_DB", "AttemptRow", "Base", "CampaignRow", "ExecutionRow", "FailureDetailRow",
    "LatestFailure", "LineageEdgeRow", "ReviewRow", "Store", "TaskRow", "checkpoint_path",
    "task_to_json",
]


class Store(CampaignQueries, TaskQueries, ReviewQueries, LineageQueries):
    """Access to the database; one instance per process (``Store(url)``, default
    :data:`DEFAULT_DB`)."""
