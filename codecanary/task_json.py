"""The one task <-> JSON codec: what the tasks table keeps and what exports write.

A task becomes a plain JSON object with every field of :class:`Task`
(``limits`` as all of its fields, ``weakness`` as a list), so nothing is lost
on the way through the store, a lineage edge or an exported JSONL line.

Two codecs used to exist (the store's kept every field, the exporter's dropped
``path`` and all limits but time and memory); this one is the store's, and the
exporter's checks on the way back in (file maps of text, the id equal to the
content hash) are kept for records that come from outside.
"""

from __future__ import annotations

import dataclasses
from typing import Any, cast

from codecanary.types import Files, Kind, Language, Limits, Origin, Task, content_id

_LIMIT_FIELDS = frozenset(f.name for f in dataclasses.fields(Limits))


def task_to_json(task: Task) -> dict[str, Any]:
    """A task as plain JSON: every field, ``weakness`` as a list, ``limits`` as a dict."""
    d = dataclasses.asdict(task)
    d["weakness"] = list(task.weakness)
    return d


def task_from_json(data: dict[str, Any], *, check_id: bool = True) -> Task:
    """The task of a JSON record (inverse of :func:`task_to_json`).

    With ``check_id`` (records from outside: an imported JSONL line) the id is
    recomputed from the content and a record whose ``id`` disagrees is rejected
    (ValueError), so a corrupted record never passes as the original task; a
    missing id is filled in. Without it (the store's own rows, keyed by that id)
    the id is taken as written. Fields missing from older records get the
    :class:`Task` defaults; unknown limit keys are ValueError.
    """
    def files(key: str) -> Files:
        value = data.get(key) or {}
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ValueError(f"field '{key}' must map file names to text")
        return dict(value)

    limits = dict(data.get("limits") or {})
    unknown = set(limits) - _LIMIT_FIELDS
    if unknown:
        raise ValueError(f"unknown limit(s) {', '.join(sorted(unknown))}")
    task = Task(
        id=str(data.get("id") or ""), name=str(data["name"]), title=str(data["title"]),
        language=cast(Language, data["language"]), kind=cast(Kind, data["kind"]),
        weakness=tuple(data["weakness"]), prompt=str(data["prompt"]),
        entry_point=str(data["entry_point"]), workspace=files("workspace"),
        reference=files("reference"), tests=files("tests"),
        mutants={str(k): dict(v) for k, v in (data.get("mutants") or {}).items()},
        limits=Limits(**limits),
        difficulty=str(data.get("difficulty", "medium")),
        origin=cast(Origin, data.get("origin", "seed")),
        parent=data.get("parent"), operator=data.get("operator"), license=data.get("license"),
        path=data.get("path"),
    )
    if not check_id:
        return task
    tid = content_id(task.language, task.kind, task.prompt, task.entry_point,
                     task.workspace, task.reference, task.tests)
    if data.get("id") not in (None, "", tid):
        raise ValueError(f"id {data['id']!r} does not match the content hash {tid!r}")
    return dataclasses.replace(task, id=tid)
