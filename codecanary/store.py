"""Persistence: SQLAlchemy 2 models for campaigns, tasks, attempts and executions.

SQLite (WAL, so readers never block the nightly writer) by default; any
SQLAlchemy URL works through ``--db``. Attempts are unique per (campaign, task,
sample), which is what lets a resumed campaign skip what is already recorded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
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
    create_engine,
    event,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from codecanary.types import Attempt, Execution, Task

DEFAULT_DB = "sqlite:///codecanary.db"


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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    # With WAL, NORMAL commits without an fsync each (checkpoints still sync): a crash of
    # the process loses nothing committed, a power cut at most the last transactions.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


class Store:
    """Access to the database; one instance per process."""

    def __init__(self, url: str = DEFAULT_DB) -> None:
        self.url = url
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on error."""
        with self._sessions.begin() as s:
            yield s

    def start_campaign(self, mode: str, night: str, assistant: str, version: str,
                       config: dict[str, Any]) -> int:
        """Record a new campaign and return its id."""
        with self.session() as s:
            row = CampaignRow(mode=mode, night=night, assistant=assistant,
                              assistant_version=version, config=config)
            s.add(row)
            s.flush()
            return row.id

    def finish_campaign(self, campaign_id: int, status: str, summary: dict[str, Any]) -> None:
        """Mark a campaign done (or failed) and keep its summary."""
        with self.session() as s:
            row = s.get_one(CampaignRow, campaign_id)
            row.status = status
            row.summary = json.loads(json.dumps(summary, default=str))
            row.finished_at = dt.datetime.now()

    def campaign(self, campaign_id: int) -> CampaignRow:
        """One campaign row."""
        with self.session() as s:
            return s.get_one(CampaignRow, campaign_id)

    def save_tasks(self, tasks: list[Task]) -> None:
        """Insert tasks not yet known (content-addressed, so existing rows never change)."""
        with self.session() as s:
            known = set(s.scalars(select(TaskRow.id).where(TaskRow.id.in_([t.id for t in tasks]))))
            for t in tasks:
                if t.id not in known:
                    known.add(t.id)
                    s.add(TaskRow(
                        id=t.id, name=t.name, language=t.language, kind=t.kind,
                        weakness=list(t.weakness), area=t.area, origin=t.origin,
                        parent=t.parent, operator=t.operator, data=task_to_json(t),
                    ))

    def record(self, campaign_id: int, attempt: Attempt, execution: Execution) -> int:
        """Store one attempt and its execution atomically; return the attempt id."""
        with self.session() as s:
            a = AttemptRow(
                campaign_id=campaign_id, task_id=attempt.task_id, sample=attempt.sample,
                assistant=attempt.assistant, version=attempt.version, files=attempt.files,
                transcript=attempt.transcript, prompt_tokens=attempt.prompt_tokens,
                completion_tokens=attempt.completion_tokens, cost_usd=attempt.cost_usd,
                latency_s=attempt.latency_s, infra_error=attempt.infra_error, meta=attempt.meta,
            )
            s.add(a)
            s.flush()
            s.add(ExecutionRow(
                attempt_id=a.id, passed=execution.passed and attempt.infra_error is None,
                exit_code=execution.exit_code, verdict=execution.verdict,
                failure_class=execution.failure_class, compile_error=execution.compile_error,
                diagnostics=list(execution.diagnostics),
                tests=[dataclasses.asdict(t) for t in execution.tests],
                stdout=execution.stdout, stderr=execution.stderr,
                duration_s=execution.duration_s, infra_error=execution.infra_error,
            ))
            return a.id

    def done_keys(self, campaign_id: int) -> set[tuple[str, int]]:
        """(task id, sample) pairs already recorded for a campaign."""
        with self.session() as s:
            rows = s.execute(select(AttemptRow.task_id, AttemptRow.sample)
                             .where(AttemptRow.campaign_id == campaign_id))
            return {(r[0], r[1]) for r in rows}

    def results(self, campaign_id: int) -> list[dict[str, Any]]:
        """One flat row per attempt of a campaign: task fields, outcome, failure class."""
        with self.session() as s:
            q = (select(AttemptRow, ExecutionRow, TaskRow)
                 .join(ExecutionRow, ExecutionRow.attempt_id == AttemptRow.id)
                 .join(TaskRow, TaskRow.id == AttemptRow.task_id)
                 .where(AttemptRow.campaign_id == campaign_id)
                 .order_by(AttemptRow.id))
            return [
                {"task_id": t.id, "name": t.name, "language": t.language, "area": t.area,
                 "kind": t.kind, "sample": a.sample, "passed": e.passed,
                 "failure_class": e.failure_class, "verdict": e.verdict,
                 "infra_error": a.infra_error or e.infra_error, "cost_usd": a.cost_usd,
                 "latency_s": a.latency_s, "tokens": a.prompt_tokens + a.completion_tokens,
                 "files": a.files, "diagnostics": e.diagnostics, "attempt_id": a.id,
                 "parent": t.parent, "origin": t.origin}
                for a, e, t in s.execute(q).all()
            ]

    def previous_campaign(self, assistant: str, night: str, mode: str = "nightly") -> int | None:
        """The latest finished campaign of ``assistant`` strictly before ``night``."""
        with self.session() as s:
            row = s.scalars(
                select(CampaignRow.id)
                .where(CampaignRow.assistant == assistant, CampaignRow.night < night,
                       CampaignRow.mode == mode, CampaignRow.status == "done")
                .order_by(CampaignRow.night.desc(), CampaignRow.id.desc()).limit(1)
            ).first()
            return row

    def campaigns(self, assistant: str | None = None) -> list[CampaignRow]:
        """All campaigns, oldest night first (optionally of one assistant)."""
        with self.session() as s:
            q = select(CampaignRow).order_by(CampaignRow.night, CampaignRow.id)
            if assistant:
                q = q.where(CampaignRow.assistant == assistant)
            return list(s.scalars(q))


def task_to_json(task: Task) -> dict[str, Any]:
    """A task as plain JSON (what the tasks table keeps, and what exports write)."""
    d = dataclasses.asdict(task)
    d["weakness"] = list(task.weakness)
    return d


# --- Reviews and failure anatomy (issue 7; read and written by reviewers/records.py) ---


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


# --- Lineage of generated tasks (issue 6; read and written by codecanary/lineage.py) ---


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
