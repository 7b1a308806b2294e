"""Export: tasks (seed, imported or generated) written in the seed on-disk format or JSONL.

Writing is exact: every file is written byte for byte and ``task.toml`` carries
the content hash, so an exported folder loads back (``codecanary.tasks``) as
the same tasks with the same ids. Generated tasks come from the store's tasks
table; JSONL lines are the one task codec (:mod:`codecanary.task_json`) without
``path``, which names a folder of this checkout only. Which tasks are worth
exporting (validated, mutation score) is decided by the caller.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from codecanary.task_json import task_to_json
from codecanary.types import Files, Task

FORMATS = ("seed", "jsonl")


class ExportError(ValueError):
    """A task that cannot be written (unsafe file name, clash), naming the task."""


def _toml_str(value: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML; DEL must be escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def task_toml(task: Task) -> str:
    """The task.toml of a task, with its content hash as ``id``."""
    lines = [
        f"id = {_toml_str(task.id)}",
        f"title = {_toml_str(task.title)}",
        f"language = {_toml_str(task.language)}",
        f"kind = {_toml_str(task.kind)}",
        f"weakness = [{', '.join(_toml_str(w) for w in task.weakness)}]",
        f"entry_point = {_toml_str(task.entry_point)}",
        f"difficulty = {_toml_str(task.difficulty)}",
        f"origin = {_toml_str(task.origin)}",
    ]
    for key in ("parent", "operator", "license"):
        value = getattr(task, key)
        if value:
            lines.append(f"{key} = {_toml_str(value)}")
    time_s = task.limits.time_s
    lines += ["", "[limits]", f"time = {int(time_s) if time_s == int(time_s) else time_s}",
              f"memory = {task.limits.memory_mb}"]
    return "\n".join(lines) + "\n"


def _safe(rel: str, task: Task) -> str:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or "__pycache__" in path.parts:
        raise ExportError(f"task {task.name} ({task.id}): file name {rel!r} is not a safe "
                          "relative path; rename the file")
    return rel


def _write_tree(root: Path, files: Files, task: Task) -> None:
    for rel, text in files.items():
        target = root / _safe(rel, task)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)


def task_folder(task: Task, root: Path) -> Path:
    """``root/<language>/<area>/<name>``; the name gets the id appended on a clash."""
    folder = root / task.language / task.area / task.name
    if (folder / "task.toml").exists():
        folder = folder.with_name(f"{task.name}-{task.id[:8]}")
    return folder


def write_task(task: Task, root: Path) -> Path:
    """Write one task in the seed on-disk format under ``root``; return its folder."""
    if "\r" in task.prompt or any("\r" in t for f in (task.workspace, task.reference, task.tests)
                                  for t in f.values()):
        raise ExportError(f"task {task.name} ({task.id}): text contains '\\r', which does not "
                          "survive the on-disk format; normalise the newlines")
    folder = task_folder(task, root)
    if folder.exists():
        raise ExportError(f"task {task.name} ({task.id}): {folder} already exists; "
                          "export into an empty folder")
    for sub, files in (("workspace", task.workspace), ("reference", task.reference),
                       ("tests", task.tests)):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        _write_tree(folder / sub, files, task)
    for name, files in task.mutants.items():
        _write_tree(folder / "mutants" / _safe(name, task), files, task)
    (folder / "prompt.md").write_text(task.prompt, encoding="utf-8", newline="")
    (folder / "task.toml").write_text(task_toml(task), encoding="utf-8")
    return folder


def write_jsonl(tasks: list[Task], path: Path) -> None:
    """All tasks as one JSON object per line (``codecanary import jsonl`` reads it back)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for task in tasks:
            record = {k: v for k, v in task_to_json(task).items() if k != "path"}
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def generated_tasks(db_url: str) -> list[Task]:
    """Generated tasks recorded in the store's tasks table."""
    from codecanary.store import Store

    return Store(db_url).tasks_of_origin("generated")
