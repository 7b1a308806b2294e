"""Lineage edges and pass counts: what :mod:`codecanary.lineage` builds its graph from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, func, select

from codecanary.store.engine import StoreBase
from codecanary.store.rows import AttemptRow, ExecutionRow, LineageEdgeRow, TaskRow


class LineageQueries(StoreBase):
    """The lineage_edges table, and per-task pass counts."""

    def add_edges(self, edges: list[dict[str, Any]]) -> None:
        """Insert lineage edges (each: parent, child, operator, params, accepted, reason,
        data) in one transaction; an edge whose (parent, child) is known keeps its first
        record."""
        with self.session() as s:
            for e in edges:
                exists = s.scalars(select(LineageEdgeRow.id).where(
                    LineageEdgeRow.parent == e["parent"],
                    LineageEdgeRow.child == e["child"])).first()
                if exists is None:
                    s.add(LineageEdgeRow(**e))

    def lineage_edges(self) -> list[LineageEdgeRow]:
        """Every recorded edge, in the order recorded."""
        with self.session() as s:
            return list(s.scalars(select(LineageEdgeRow).order_by(LineageEdgeRow.id)))

    def task_rows(self, ids: set[str]) -> dict[str, TaskRow]:
        """Task id -> its tasks-table row, for the ids that are recorded."""
        with self.session() as s:
            return {r.id: r for r in s.scalars(select(TaskRow).where(TaskRow.id.in_(ids)))}

    def pass_counts(self, campaign_id: int | None = None) -> dict[str, tuple[int, int]]:
        """Task id -> (passed, attempts), infra errors excluded (one campaign or all)."""
        with self.session() as s:
            q = (select(AttemptRow.task_id, func.sum(ExecutionRow.passed.cast(Integer)),
                        func.count())
                 .join(ExecutionRow, ExecutionRow.attempt_id == AttemptRow.id)
                 .where(AttemptRow.infra_error.is_(None), ExecutionRow.infra_error.is_(None))
                 .group_by(AttemptRow.task_id))
            if campaign_id is not None:
                q = q.where(AttemptRow.campaign_id == campaign_id)
            return {tid: (int(p or 0), int(n)) for tid, p, n in s.execute(q)}
