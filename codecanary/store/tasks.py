"""The tasks table: tasks as they were run, content-addressed, kept in the one task codec."""

from __future__ import annotations

from sqlalchemy import select

from codecanary.store.engine import StoreBase
from codecanary.store.rows import TaskRow
from codecanary.task_json import task_from_json, task_to_json
from codecanary.types import Task


class TaskQueries(StoreBase):
    """Write tasks once, read them back as :class:`Task`."""

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

    def task(self, task_id: str) -> Task | None:
        """The task of that id as it was recorded, or None (the row's key is its id)."""
        with self.session() as s:
            row = s.get(TaskRow, task_id)
            data = dict(row.data) if row is not None else None
        return None if data is None else task_from_json(data, check_id=False)

    def tasks_of_origin(self, origin: str) -> list[Task]:
        """Every recorded task of one origin (``generated``: what ``export`` writes), each
        checked against its content hash (ValueError on a corrupted row)."""
        with self.session() as s:
            q = select(TaskRow).where(TaskRow.origin == origin)
            rows = [dict(r.data) for r in s.scalars(q)]
        return [task_from_json(data) for data in rows]

    def task_parents(self) -> dict[str, str | None]:
        """Task id -> its parent's id (None for a root), for every recorded task."""
        with self.session() as s:
            return {r[0]: r[1] for r in s.execute(select(TaskRow.id, TaskRow.parent))}
