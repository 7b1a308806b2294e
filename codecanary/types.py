"""Core value types shared by every part of codecanary.

All types are frozen dataclasses: a value recorded once is never mutated, which
keeps the store, the lineage and the statistics consistent with each other.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal

from codecanary.areas import NAMES as AREA_NAMES

Language = str
"""A language's name: any language with a registered runner. This bottom layer names
none; the list is :func:`codecanary.languages.languages` (from the registry)."""

Kind = Literal["implement", "repair", "refactor", "next-edit"]
KINDS: tuple[Kind, ...] = ("implement", "repair", "refactor", "next-edit")

WEAKNESSES: tuple[str, ...] = AREA_NAMES
"""The weakness areas, derived from their table (:mod:`codecanary.areas`)."""

Origin = Literal["seed", "generated", "imported"]
ORIGINS: tuple[Origin, ...] = ("seed", "generated", "imported")

ResourceVerdict = Literal["ok", "timeout", "cpu", "memory", "output-limit", "killed"]

Files = dict[str, str]
"""Relative path -> text content. Paths always use '/' and never leave the root."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandboxed execution.

    time_s: wall-clock seconds before the whole process tree is killed.
    memory_mb: memory for the run (cgroup limit where available, else address space).
    cpu_s: CPU seconds (RLIMIT_CPU); defaults to the wall-clock limit.
    processes: maximum processes/threads for the sandbox uid (RLIMIT_NPROC, pids cgroup).
    file_mb: largest file the code may write (RLIMIT_FSIZE) and size of the work tmpfs.
    output_bytes: stdout and stderr are each cut at this size; more kills the run.
    """

    time_s: float = 30.0
    memory_mb: int = 1024
    cpu_s: float | None = None
    processes: int = 128
    file_mb: int = 64
    output_bytes: int = 1 << 20


@dataclass(frozen=True)
class Task:
    """One coding task, in memory. See docs/task-format.md for the on-disk form.

    id: content hash of everything that defines the task (language, kind, prompt,
        entry point and all files); two tasks with the same id are the same task.
    name: human-readable slug (the folder name on disk).
    entry_point: the file the assistant must produce or change (relative path).
    workspace: files the assistant starts from.
    reference: the reference solution, overlaid on the workspace.
    tests: hidden tests, never shown to the assistant (paths relative to tests/).
    mutants: hand-written known-bad variants: mutant name -> files overlaid on reference.
    parent, operator: lineage (the task this one was derived from, and how).
    """

    id: str
    name: str
    title: str
    language: Language
    kind: Kind
    weakness: tuple[str, ...]
    prompt: str
    entry_point: str
    workspace: Files
    reference: Files
    tests: Files
    mutants: dict[str, Files] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    difficulty: str = "medium"
    origin: Origin = "seed"
    parent: str | None = None
    operator: str | None = None
    license: str | None = None
    path: str | None = None

    @property
    def area(self) -> str:
        """The primary weakness area, used for per-area statistics."""
        return self.weakness[0]


def content_id(
    language: str,
    kind: str,
    prompt: str,
    entry_point: str,
    workspace: Files,
    reference: Files,
    tests: Files,
) -> str:
    """Stable content hash of a task (16 hex characters of sha256)."""
    payload = json.dumps(
        [language, kind, prompt, entry_point, workspace, reference, tests],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Attempt:
    """One answer of an assistant to a task.

    assistant: registered id (e.g. ``sim:baseline``); version: exact model or CLI version.
    sample: index of this answer among the K samples of the task in one campaign.
    files: what the assistant produced (overlaid on the workspace).
    infra_error: set when the answer could not be obtained for reasons that are
        not the assistant's fault (API 5xx, rate limit, crash). Such attempts are
        excluded from pass rates.
    """

    task_id: str
    assistant: str
    version: str
    sample: int
    files: Files
    transcript: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0
    infra_error: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TestOutcome:
    """Result of one test inside an execution (outcome: passed, failed, error, skipped)."""

    __test__ = False  # not a pytest test class

    name: str
    outcome: Literal["passed", "failed", "error", "skipped"]
    message: str = ""


@dataclass(frozen=True)
class Execution:
    """What running a program (usually a task's tests) in the sandbox produced.

    exit_code: the command's exit status (negative: killed by that signal).
    verdict: resource verdict: ok, timeout, cpu, memory, output-limit or killed.
    compile_error: the compiler rejected the code; diagnostics holds error codes.
    failure_class: why it failed, filled in by the scorer (None when it passed).
    infra_error: the sandbox itself failed (not the code under test).
    artifacts: files collected from the work directory after the run.
    """

    exit_code: int
    verdict: ResourceVerdict = "ok"
    tests: tuple[TestOutcome, ...] = ()
    stdout: str = ""
    stderr: str = ""
    duration_s: float = 0.0
    compile_error: bool = False
    diagnostics: tuple[str, ...] = ()
    failure_class: str | None = None
    infra_error: str | None = None
    artifacts: Files = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """All tests ran and none failed, within limits."""
        return (
            self.exit_code == 0
            and self.verdict == "ok"
            and not self.compile_error
            and self.infra_error is None
            and not any(t.outcome in ("failed", "error") for t in self.tests)
        )


@dataclass(frozen=True)
class Finding:
    """One reviewer finding: category (a weakness area or style), severity, location, text."""

    category: str
    severity: Literal["info", "warning", "error"]
    location: str
    text: str


@dataclass(frozen=True)
class Review:
    """A reviewer's critique of one attempt."""

    reviewer: str
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """The final judgement on one attempt.

    passed: the hidden tests passed. score: 1.0 or 0.0 for now (partial credit later).
    reviewer_agrees: the reviewer flagged the attempt exactly when the tests failed
    (None when no reviewer ran).
    """

    passed: bool
    failure_class: str | None = None
    reviewer_agrees: bool | None = None
    score: float = 0.0
