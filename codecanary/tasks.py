"""Load tasks from the on-disk format (docs/task-format.md).

One malformed task never stops the others: :func:`load_suite` returns the tasks
it could load and a :class:`TaskError` for each one it could not, naming the
file, the field and what to do.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from codecanary.areas import language_error
from codecanary.languages import languages
from codecanary.types import (
    KINDS,
    ORIGINS,
    WEAKNESSES,
    Files,
    Kind,
    Limits,
    Origin,
    Task,
    content_id,
)

DIFFICULTIES = ("easy", "medium", "hard")
KNOWN_FIELDS = {
    "id", "title", "language", "kind", "weakness", "entry_point", "difficulty",
    "origin", "parent", "operator", "license", "limits",
}


@dataclass(frozen=True)
class TaskError(Exception):
    """A task that could not be loaded: which file, which field, and the fix."""

    path: str
    field: str
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}: field '{self.field}'" if self.field else self.path
        return f"{where}: {self.problem}; {self.fix}"


def _read_tree(root: Path) -> Files:
    """All files under ``root`` as relative posix path -> text (empty if absent)."""
    files: Files = {}
    if not root.is_dir():
        return files
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            files[p.relative_to(root).as_posix()] = p.read_text(encoding="utf-8")
    return files


def _require(meta: dict[str, Any], key: str, toml: str, fix: str) -> Any:
    if key not in meta:
        raise TaskError(toml, key, "is missing", fix)
    return meta[key]


def _choice(meta: dict[str, Any], key: str, allowed: tuple[str, ...], toml: str) -> str:
    value = _require(meta, key, toml, f"add {key} = one of {', '.join(allowed)}")
    if value not in allowed:
        raise TaskError(
            toml, key, f"has unknown value {value!r}", f"use one of {', '.join(allowed)}")
    return cast(str, value)


def _limits(meta: dict[str, Any], toml: str) -> Limits:
    raw = meta.get("limits", {})
    if not isinstance(raw, dict):
        raise TaskError(toml, "limits", "is not a table", "write [limits] with time and memory")
    for key in raw:
        if key not in ("time", "memory"):
            raise TaskError(toml, f"limits.{key}", "is not a known limit", "use time or memory")
    time_s, memory = raw.get("time", 30), raw.get("memory", 1024)
    if not isinstance(time_s, int | float) or not 0 < time_s <= 3600:
        raise TaskError(toml, "limits.time", f"is {time_s!r}", "give seconds between 1 and 3600")
    if not isinstance(memory, int) or not 64 <= memory <= 16384:
        raise TaskError(toml, "limits.memory", f"is {memory!r}", "give MiB between 64 and 16384")
    return Limits(time_s=float(time_s), memory_mb=memory)


def load_task(folder: Path) -> Task:
    """Load one task folder or raise :class:`TaskError`."""
    toml_path = folder / "task.toml"
    toml = str(toml_path)
    if not toml_path.is_file():
        raise TaskError(toml, "", "does not exist", "create task.toml (see docs/task-format.md)")
    try:
        meta = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TaskError(toml, "", f"is not valid TOML ({exc})", "fix the syntax") from None
    for key in meta:
        if key not in KNOWN_FIELDS:
            raise TaskError(toml, key, "is not a known field", "remove it or check its spelling")
    title = _require(meta, "title", toml, "add title = \"one line\"")
    language = _choice(meta, "language", tuple(languages()), toml)
    kind = _choice(meta, "kind", KINDS, toml)
    weakness = _require(meta, "weakness", toml, "add weakness = [\"null-handling\"]")
    if isinstance(weakness, str):
        weakness = [weakness]
    if not isinstance(weakness, list) or not weakness:
        raise TaskError(toml, "weakness", "is empty or not a list", "give at least one area")
    for w in weakness:
        if w not in WEAKNESSES:
            raise TaskError(
                toml, "weakness", f"has unknown area {w!r}", f"use one of {', '.join(WEAKNESSES)}"
            )
    for w in weakness:
        why = language_error(w, str(language))
        if why:
            raise TaskError(toml, "weakness", why, "tag another area")
    entry = _require(meta, "entry_point", toml, "add entry_point = \"solution.py\"")
    if not isinstance(entry, str) or entry.startswith("/") or ".." in Path(entry).parts:
        raise TaskError(toml, "entry_point", f"is {entry!r}", "give a relative path in the task")
    difficulty = meta.get("difficulty", "medium")
    if difficulty not in DIFFICULTIES:
        raise TaskError(toml, "difficulty", f"is {difficulty!r}", "use easy, medium or hard")
    origin = meta.get("origin", "seed")
    if origin not in ORIGINS:
        raise TaskError(toml, "origin", f"is {origin!r}", f"use one of {', '.join(ORIGINS)}")
    prompt_path = folder / "prompt.md"
    if not prompt_path.is_file() or not prompt_path.read_text(encoding="utf-8").strip():
        raise TaskError(str(prompt_path), "", "is missing or empty", "write the task's prompt")
    prompt = prompt_path.read_text(encoding="utf-8")
    workspace = _read_tree(folder / "workspace")
    reference = _read_tree(folder / "reference")
    tests = _read_tree(folder / "tests")
    if entry not in reference:
        raise TaskError(
            str(folder / "reference"), "entry_point", f"has no file {entry}",
            "put the reference solution there",
        )
    if not tests:
        raise TaskError(str(folder / "tests"), "", "holds no test file", "add the hidden tests")
    mutants_dir = folder / "mutants"
    mutants = {
        m.name: _read_tree(m) for m in sorted(mutants_dir.iterdir()) if m.is_dir()
    } if mutants_dir.is_dir() else {}
    tid = content_id(language, kind, prompt, entry, workspace, reference, tests)
    if "id" in meta and meta["id"] != tid:
        raise TaskError(
            toml, "id", f"is {meta['id']!r} but the content hashes to {tid!r}",
            f"delete the id field or set it to \"{tid}\"",
        )
    return Task(
        id=tid,
        name=folder.name,
        title=str(title),
        language=language,
        kind=cast(Kind, kind),
        weakness=tuple(weakness),
        prompt=prompt,
        entry_point=entry,
        workspace=workspace,
        reference=reference,
        tests=tests,
        mutants=mutants,
        limits=_limits(meta, toml),
        difficulty=str(difficulty),
        origin=cast(Origin, origin),
        parent=meta.get("parent") or None,
        operator=meta.get("operator") or None,
        license=meta.get("license") or None,
        path=str(folder),
    )


def find_task_dirs(root: Path) -> list[Path]:
    """Every folder below ``root`` (or ``root`` itself) that holds a task.toml."""
    if (root / "task.toml").is_file():
        return [root]
    return sorted(p.parent for p in root.rglob("task.toml"))


def load_suite(roots: list[Path]) -> tuple[list[Task], list[TaskError]]:
    """Load every task under ``roots``; collect errors instead of stopping."""
    tasks: list[Task] = []
    errors: list[TaskError] = []
    seen: dict[str, str] = {}
    for root in roots:
        if not root.exists():
            errors.append(TaskError(str(root), "", "does not exist", "give a folder of tasks"))
            continue
        for folder in find_task_dirs(root):
            try:
                task = load_task(folder)
            except TaskError as exc:
                errors.append(exc)
                continue
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(
                    TaskError(str(folder), "", f"cannot be read ({exc})", "fix the files"))
                continue
            if task.id in seen:
                errors.append(TaskError(
                    str(folder), "", f"duplicates {seen[task.id]} (same content)",
                    "remove one of the two",
                ))
                continue
            seen[task.id] = str(folder)
            tasks.append(task)
    return tasks, errors


def default_suite_dir() -> Path:
    """The seed suite shipped with the project (``seed_tasks/`` next to the packages)."""
    return Path(__file__).resolve().parent.parent / "seed_tasks"
