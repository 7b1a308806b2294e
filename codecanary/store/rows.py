"""The store's tables: SQLAlchemy 2 models for campaigns, tasks, attempts and executions,
reviews and failure details, and the lineage of generated tasks.

Attempts are unique per (campaign, task, sample), which is what lets a resumed
campaign skip what is already recorded. Only :mod:`codecanary.store` queries
these tables; the rest of the code asks :class:`~codecanary.store.Store`'s methods
(some of which hand back rows, detached, to read).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every table."""


class CampaignRow(Base):
    """One run: a night of one assistant (nightly) or a probe."""

    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mode: Mapped[str] = mapped_column(String(16), default="nightly")
    night: Mapped[str] = mapped_column(String(10), index=True)
    assistant: Mapped[str] = mapped_column(String(200), index=True)
    assistant_version: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default="running")
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class TaskRow(Base):
    """A task as it was run (content-addressed, so a changed task is a new row)."""

    __tablename__ = "tasks"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    weakness: Mapped[list[str]] = mapped_column(JSON)
    area: Mapped[str] = mapped_column(String(32), index=True)
    origin: Mapped[str] = mapped_column(String(16))
    parent: Mapped[str | None] = mapped_column(String(32), nullable=True)
    operator: Mapped[str | None] = mapped_column(String(64), nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class AttemptRow(Base):
    """One answer of the assistant, with what it cost."""

    __tablename__ = "attempts"
    __table_args__ = (UniqueConstraint("campaign_id", "task_id", "sample"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    sample: Mapped[int] = mapped_column(Integer)
    assistant: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(200))
    files: Mapped[dict[str, str]] = mapped_column(JSON)
    transcript: Mapped[str] = mapped_column(Text, default="")
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_usd: Mapped[float] = mapped_column(Float, default=0.0)
    latency_s: Mapped[float] = mapped_column(Float, default=0.0)
    infra_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    meta: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class ExecutionRow(Base):
    """The sandboxed test run of one attempt, and its verdict."""

    __tablename__ = "executions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), unique=True, index=True)
    passed: Mapped[bool] = mapped_column(Boolean, index=True)
    exit_code: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(16))
    failure_class: Mapped[str | None] = mapped_column(String(64), nullable=True)
    compile_error: Mapped[bool] = mapped_column(Boolean, default=False)
    diagnostics: Mapped[list[str]] = mapped_column(JSON, default=list)
    tests: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    stdout: Mapped[str] = mapped_column(Text, default="")
    stderr: Mapped[str] = mapped_column(Text, default="")
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    infra_error: Mapped[str | None] = mapped_column(Text, nullable=True)


# --- Reviews and failure anatomy (issue 7; see codecanary.store.reviews) ---


class ReviewRow(Base):
    """One reviewer's critique of one attempt (keyed like attempts: campaign, task, sample).

    findings: list of {category, severity, location, text}; rejected: why the
    reviewer's output was unusable (then findings is empty).
    """

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("campaign_id", "task_id", "sample", "reviewer"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    task_id: Mapped[str] = mapped_column(String(32))
    sample: Mapped[int] = mapped_column(Integer)
    reviewer: Mapped[str] = mapped_column(String(200))
    findings: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    rejected: Mapped[str | None] = mapped_column(Text, nullable=True)


class FailureDetailRow(Base):
    """Why one attempt failed, beyond its class: counterexample, stack dump, re-runs."""

    __tablename__ = "failure_details"
    __table_args__ = (UniqueConstraint("campaign_id", "task_id", "sample"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    task_id: Mapped[str] = mapped_column(String(32))
    sample: Mapped[int] = mapped_column(Integer)
    failure_class: Mapped[str | None] = mapped_column(String(64), nullable=True)
    counterexample: Mapped[str | None] = mapped_column(Text, nullable=True)
    evidence: Mapped[str | None] = mapped_column(Text, nullable=True)
    reruns: Mapped[list[bool]] = mapped_column(JSON, default=list)


# --- Lineage of generated tasks (issue 6; see codecanary.store.lineage) ---


class LineageEdgeRow(Base):
    """One generated child: parent -> child by an operator with its parameters.

    accepted: whether the child passed the gate (only accepted children are in
    ``tasks`` and ever attempted); reason: the gate's reason (``ok`` when
    accepted); data: the child task as JSON, kept for rejected children too.
    """

    __tablename__ = "lineage_edges"
    __table_args__ = (UniqueConstraint("parent", "child"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent: Mapped[str] = mapped_column(String(32), index=True)
    child: Mapped[str] = mapped_column(String(32), index=True)
    operator: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    accepted: Mapped[bool] = mapped_column(Boolean, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=dt.datetime.now)
