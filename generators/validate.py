"""The validation gate: is a task's reference right and are its tests sharp?

A task is valid when its reference passes its tests ``runs`` times in a row
(no flakes), every hand-written mutant fails, and, when asked, the tests kill
at least ``min_score`` of the automatic fault-operator mutants of the reference.
:func:`duplicates` adds the suite-level check: no two tasks may share a content
hash or a normalised-syntax :func:`fingerprint` (same code up to comments,
docstrings, formatting and names of the task).
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import tokenize
import warnings
from dataclasses import dataclass, field

from codecanary.types import Task
from generators.faults import mutants
from sandbox.base import Sandbox
from sandbox.runners import reference_files, run_tests


@dataclass(frozen=True)
class Validation:
    """Outcome of the gate for one task; ``reasons`` is empty when it is valid."""

    task: str
    reference_runs: list[bool]
    mutants_killed: dict[str, bool] = field(default_factory=dict)
    auto_killed: int = 0
    auto_total: int = 0
    reasons: list[str] = field(default_factory=list)
    durations: list[float] = field(default_factory=list)  # seconds of each reference run

    @property
    def valid(self) -> bool:
        """True when no reason speaks against the task."""
        return not self.reasons

    @property
    def mutation_score(self) -> float | None:
        """Share of automatic mutants killed (None when none was tried)."""
        return self.auto_killed / self.auto_total if self.auto_total else None


def validate(sandbox: Sandbox, task: Task, runs: int = 3, auto_mutants: bool = False,
             min_score: float = 0.8) -> Validation:
    """Run the gate on ``task`` (see the module docstring)."""
    reasons: list[str] = []
    ref_runs: list[bool] = []
    first_failure = ""
    durations: list[float] = []
    for _ in range(runs):
        e = run_tests(sandbox, task, reference_files(task))
        ref_runs.append(e.passed)
        durations.append(e.duration_s)
        if e.infra_error:
            reasons.append(f"sandbox error: {e.infra_error}")
            break
        if not e.passed and not first_failure:
            detail = e.stderr[-300:] if e.compile_error else (
                next((f"{t.name}: {t.message[:200]}" for t in e.tests
                      if t.outcome in ("failed", "error")), e.stdout[-300:]))
            first_failure = f"({'compile error' if e.compile_error else e.verdict}) {detail}"
        if not ref_runs[0]:
            break  # failing from the first run: more runs would only repeat it
    if first_failure:
        if ref_runs[0] and any(ref_runs):
            reasons.append(f"reference is flaky: passed {sum(ref_runs)} of {len(ref_runs)} "
                           f"runs; first failure {first_failure}")
        else:
            reasons.append(f"reference fails {first_failure}")
    killed = {}
    for name in task.mutants:
        e = run_tests(sandbox, task, reference_files(task, name))
        killed[name] = not e.passed
        if e.passed:
            reasons.append(f"tests do not catch the hand-written mutant {name!r}")
    auto_k = auto_n = 0
    if auto_mutants:
        source = task.reference[task.entry_point]
        distinct = dict.fromkeys(m for _op, _site, m in mutants(source, task.language))
        for mutated in distinct:
            auto_n += 1
            e = run_tests(sandbox, task, {**task.reference, task.entry_point: mutated})
            auto_k += not e.passed
        if auto_n and auto_k / auto_n < min_score:
            reasons.append(f"mutation score {auto_k}/{auto_n} is below {min_score}")
        if auto_n and auto_k == 0:
            reasons.append("the tests kill no automatic mutant: they do not check the behaviour")
    return Validation(task.name, ref_runs, killed, auto_k, auto_n, reasons, durations)


def _normalise_python(source: str) -> str:
    """AST dump with docstrings removed and identifiers numbered by first use."""
    with warnings.catch_warnings():  # invalid escapes in task code are not our concern
        warnings.simplefilter("ignore")
        tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list) or not body:
            continue
        first = body[0]
        if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)):
            body[:1] = [] if len(body) > 1 else [ast.Pass()]
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        for attr in ("id", "arg", "name", "attr"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                setattr(node, attr, names.setdefault(value, f"n{len(names)}"))
    return ast.dump(tree, annotate_fields=False)


_C_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_TOKEN = re.compile(r"[A-Za-z_]\w*|\d[\w.]*|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|\S")


def _normalise_text(source: str) -> str:
    """Token stream without comments or layout (brace languages), names numbered."""
    names: dict[str, str] = {}
    out = []
    for tok in _TOKEN.findall(_C_COMMENT.sub(" ", source)):
        out.append(names.setdefault(tok, f"n{len(names)}") if tok[0].isalpha() or tok[0] == "_"
                   else tok)
    return " ".join(out)


def _normalise(path: str, source: str, language: str) -> str:
    if language == "python" and path.endswith(".py"):
        try:
            return _normalise_python(source)
        except (SyntaxError, ValueError, tokenize.TokenError):
            pass
    if path.endswith(".py"):
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        try:
            return " ".join(t.string for t in tokens if t.type not in (
                tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                tokenize.DEDENT))
        except (tokenize.TokenError, SyntaxError):
            return source
    return _normalise_text(source)


def fingerprint(task: Task) -> str:
    """Hash of the task's code up to comments, docstrings, layout and identifier names.

    Covers the reference and the tests (what makes a task what it is); the prompt
    and file names are left out, so a re-worded copy of a task is still caught.
    """
    parts: list[str] = [task.language, task.kind]
    for files in (task.reference, task.tests):
        parts += [_normalise(p, files[p], task.language) for p in sorted(files)]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def duplicates(tasks: list[Task]) -> dict[str, str]:
    """Task name -> reason, for every task that repeats an earlier one.

    Two tasks are duplicates when they have the same content hash, or the same
    :func:`fingerprint` (a near-duplicate: renamed, re-formatted or re-commented).
    The first of each group is kept; the later ones are reported.
    """
    by_id: dict[str, Task] = {}
    by_print: dict[str, Task] = {}
    found: dict[str, str] = {}
    for task in tasks:
        where = task.path or task.name
        if task.id in by_id:
            first = by_id[task.id]
            found[where] = f"duplicate of {first.path or first.name} (same content hash {task.id})"
            continue
        by_id[task.id] = task
        fp = fingerprint(task)
        if fp in by_print:
            first = by_print[fp]
            found[where] = (f"near-duplicate of {first.path or first.name} (same code up to "
                            f"comments, layout and names; fingerprint {fp})")
            continue
        by_print[fp] = task
    return found
