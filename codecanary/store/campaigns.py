"""Campaigns and their attempts: start and finish a run, record answers, read results back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from codecanary.store.engine import StoreBase
from codecanary.store.rows import AttemptRow, CampaignRow, ExecutionRow, TaskRow
from codecanary.types import Attempt, Execution


class CampaignQueries(StoreBase):
    """The campaigns, attempts and executions tables."""

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

    def attempt_meta(self, campaign_id: int) -> dict[tuple[str, int], dict[str, str]]:
        """(task id, sample) -> the ``meta`` of each attempt of a campaign."""
        with self.session() as s:
            return {(a.task_id, a.sample): dict(a.meta or {})
                    for a in s.scalars(select(AttemptRow)
                                       .where(AttemptRow.campaign_id == campaign_id))}

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
