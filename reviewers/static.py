"""The static reviewer: linters and AST checks, mapped to weakness areas.

Python: ruff (a linter that reads files and never executes them, so it runs on
the host, on a temporary copy of the answer) plus the AST checks of
:mod:`reviewers.pychecks`. Rust: the textual checks of
:mod:`reviewers.rustchecks` plus clippy, which compiles and therefore runs only
inside the injected sandbox (skipped, with the reason recorded, when there is
none). Findings are deduplicated by (category, location).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from codecanary.registry import register
from codecanary.types import Attempt, Finding, Review, Task
from reviewers import pychecks, rustchecks
from reviewers.base import ReviewOutcome, SandboxLike

RUFF_RULES = "E9,F,B,E722,S110,RUF006,RUF012,ASYNC"
RUFF_MAP: dict[str, tuple[str, str]] = {
    "B006": ("state-management", "error"),
    "B008": ("state-management", "warning"),
    "B023": ("state-management", "warning"),
    "RUF012": ("state-management", "warning"),
    "B904": ("error-handling", "info"),
    "E722": ("error-handling", "warning"),
    "S110": ("error-handling", "warning"),
    "B012": ("error-handling", "warning"),
    "RUF006": ("async", "warning"),
    "F821": ("correctness", "error"),
    "F811": ("correctness", "warning"),
    "F823": ("correctness", "error"),
    "B015": ("correctness", "warning"),
    "B018": ("correctness", "info"),
}
"""ruff rule -> (category, severity); ASYNC* is async/warning, E9* correctness/error,
anything else style/info."""


def ruff_binary() -> str | None:
    """ruff next to this interpreter (the venv), else on PATH."""
    local = Path(sys.executable).parent / "ruff"
    return str(local) if local.exists() else shutil.which("ruff")


def _ruff_category(code: str) -> tuple[str, str]:
    if code in RUFF_MAP:
        return RUFF_MAP[code]
    if code.startswith("ASYNC"):
        return "async", "warning"
    if code.startswith("E9"):
        return "correctness", "error"
    return "style", "info"


def ruff(files: dict[str, str]) -> tuple[list[Finding], str | None]:
    """ruff's findings on the Python files (on a temp copy; ruff does not execute code)."""
    return ruff_many([files])[0]


def ruff_many(answers: Sequence[dict[str, str]]) -> list[tuple[list[Finding], str | None]]:
    """:func:`ruff` for many answers in one ruff process (one folder per answer).

    One process instead of one per answer: starting ruff from a large Python process
    costs more than linting a few files.
    """
    binary = ruff_binary()
    out: list[tuple[list[Finding], str | None]] = [([], None) for _ in answers]
    wanted = [i for i, files in enumerate(answers) if any(k.endswith(".py") for k in files)]
    if not wanted:
        return out
    if binary is None:
        note = "ruff not found; install the dev extra (pip install -e '.[dev]')"
        return [([], note) if i in wanted else o for i, o in enumerate(out)]
    with tempfile.TemporaryDirectory(prefix="cc-ruff-") as tmp:
        root = Path(tmp).resolve()
        for i in wanted:
            for rel, text in answers[i].items():
                dest = root / str(i) / rel
                if rel.endswith(".py") and dest.resolve().is_relative_to(root / str(i)):
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_text(text, encoding="utf-8")
        try:
            proc = subprocess.run(
                [binary, "check", "--isolated", "--no-cache", "--output-format", "json",
                 "--select", RUFF_RULES, "--exit-zero", "."],
                cwd=root, capture_output=True, text=True, timeout=120,
                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
            items = json.loads(proc.stdout or "[]")
        except (OSError, subprocess.SubprocessError, json.JSONDecodeError) as exc:
            return [([], f"ruff failed: {exc}") if i in wanted else o for i, o in enumerate(out)]
        for item in items:
            code = item.get("code") or "E999"
            category, severity = _ruff_category(code)
            answer, _, rel = os.path.relpath(item.get("filename", ""), root).partition("/")
            if not answer.isdigit() or int(answer) >= len(out):
                continue
            row = (item.get("location") or {}).get("row", 0)
            out[int(answer)][0].append(Finding(category, severity,  # type: ignore[arg-type]
                                               f"{rel}:{row}",
                                               f"{code}: {item.get('message', '')}"))
        return out


def _key(files: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()


class StaticReviewer:
    """ruff + AST checks for Python, textual checks + clippy (sandboxed) for Rust."""

    id = "static"

    def __init__(self, sandbox: SandboxLike | None = None, use_clippy: bool = True) -> None:
        self.sandbox = sandbox
        self.use_clippy = use_clippy
        self._ruff: dict[str, tuple[list[Finding], str | None]] = {}

    def prepare(self, attempts: Sequence[Attempt]) -> None:
        """Lint a round's answers in one ruff run, for :meth:`review` to pick up."""
        answers = [{k: v for k, v in a.files.items() if v.strip()} for a in attempts]
        for files, result in zip(answers, ruff_many(answers), strict=True):
            self._ruff[_key(files)] = result

    def review(self, task: Task, attempt: Attempt) -> ReviewOutcome:
        """Findings on the attempt's files; a tool that cannot run is noted, not fatal."""
        findings: list[Finding] = []
        notes: list[str] = []
        files = {k: v for k, v in attempt.files.items() if v.strip()}
        for path, text in sorted(files.items()):
            if path.endswith(".py"):
                findings += pychecks.check_source(text, path)
            elif path.endswith(".rs"):
                findings += rustchecks.textual(text, path)
        cached = self._ruff.pop(_key(files), None)
        found, note = cached if cached is not None else ruff(files)
        findings += found
        if note:
            notes.append(note)
        if task.language == "rust" and self.use_clippy and any(p.endswith(".rs") for p in files):
            if self.sandbox is None:
                notes.append("clippy skipped: no sandbox (clippy compiles, so it only runs "
                             "sandboxed)")
            else:
                found, note = rustchecks.clippy(self.sandbox, files, task.entry_point)
                findings += found
                if note:
                    notes.append(note)
        seen: set[tuple[str, str]] = set()
        unique = []
        for f in sorted(findings, key=_rank):
            if (f.category, f.location) not in seen:
                seen.add((f.category, f.location))
                unique.append(f)
        unique.sort(key=lambda f: (f.location.rsplit(":", 1)[0], _line(f.location)))
        if notes:
            unique.append(Finding("style", "info", task.entry_point, "; ".join(notes)))
        return ReviewOutcome(Review(self.id, tuple(unique)))


def _rank(f: Finding) -> int:
    return {"error": 0, "warning": 1, "info": 2}[f.severity]


def _line(location: str) -> int:
    tail = location.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


@register("reviewer", "static")
def make_static(arg: str | None, sandbox: SandboxLike | None = None) -> StaticReviewer:
    """Factory for ``static`` (``static:no-clippy`` skips clippy)."""
    return StaticReviewer(sandbox, use_clippy=arg != "no-clippy")
