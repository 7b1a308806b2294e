"""Why an attempt failed, read from its execution: the anatomy of a failure.

Classes are short strings so they can be counted per night:

* ``infra`` — not the assistant's fault (excluded from pass rates);
* ``refusal`` — the assistant declined and wrote no code; ``no-code`` — it
  returned nothing, or the workspace stub unchanged;
* ``race`` — the same answer failed and passed (or failed differently) across
  repeated runs: nondeterministic, so concurrency;
* ``deadlock`` — it ran out of time and the stack dump taken just before the
  kill shows several threads blocked waiting (join, wait, acquire); ``timeout``
  otherwise; ``memory``, ``cpu``, ``output-limit``, ``killed`` from the sandbox;
* ``compile:E0382`` — a borrow-checker code keeps its own class (see
  :func:`borrow_codes`); ``type-error:E0308`` — a compiler's type error code;
  ``compile:<code>`` / ``compile`` — any other compile error (a Python
  SyntaxError included);
* ``null-handling`` — a null dereference as a language's spec describes it
  (an AttributeError/TypeError on None, an unwrap on None, ...);
* ``type-error`` — any other Python TypeError;
* ``panic`` — a Rust panic outside an assertion; ``exception:<Type>`` — an
  uncaught exception of that type;
* ``wrong-answer`` — a falsified property or failed assertion; hypothesis's
  shrunk counterexample is kept by :func:`counterexample`.

Passing executions have no class. :func:`family` folds classes into the few
families the report groups by.

The language-specific patterns (null dereferences, borrow and type error codes)
come from the languages' specs (:class:`codecanary.languages.FailurePatterns`),
merged over every registered language: an execution does not say its language,
and the patterns of different languages do not overlap. The Python runner's
stack-dump watchdog, which :func:`stack_dump` reads, is in
:mod:`sandbox.runners.watchdog`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from codecanary.languages import specs
from codecanary.types import Attempt, Execution, Files

_EXC = re.compile(r"^E\s+(\w+(?:Error|Exception|Exit|Interrupt))\b", re.M)
_EXC_HEAD = re.compile(r"^(?:\w+\.)*(\w+(?:Error|Exception))\b", re.M)
_DUMP_HEAD = re.compile(r"^Timeout \(\d+:\d\d:\d\d(?:\.\d+)?\)!", re.M)
_THREAD = re.compile(r"^(?:Current thread|Thread) 0x[0-9a-f]+", re.M)
_WAITING = re.compile(r'File ".*threading\.py", line \d+ in '
                      r"(wait|join|acquire|_wait_for_tstate_lock|get|put)\b")
_REFUSAL = re.compile(r"\b(I can(?:no|')t (?:help|assist|do that|comply)|I'm (?:sorry|unable)"
                      r"|I am unable|I won't|as an AI)\b", re.I)

FAMILIES = ("infra", "no-code", "refusal", "race", "deadlock", "timeout", "memory",
            "borrow-check", "type-error", "compile", "null-handling", "exception", "panic",
            "wrong-answer", "other")


def borrow_codes() -> frozenset[str]:
    """Compiler codes of ownership errors, over every language (rustc's E0382, ...)."""
    return frozenset(c for s in specs() for c in s.failures.borrow_codes)


def type_codes() -> frozenset[str]:
    """Compiler codes of type errors, over every language (rustc's E0308, ...)."""
    return frozenset(c for s in specs() for c in s.failures.type_codes)


def null_error(text: str) -> bool:
    """Whether ``text`` shows a null dereference in any language's own words."""
    return any(s.failures.null and re.search(s.failures.null, text) for s in specs())


def _failed_text(execution: Execution) -> str:
    text = "\n".join(t.message for t in execution.tests if t.outcome in ("failed", "error"))
    return text + "\n" + execution.stdout[-20000:]


def stack_dump(execution: Execution) -> str | None:
    """The all-threads stack dump taken before the wall-clock kill, if there is one."""
    m = _DUMP_HEAD.search(execution.stderr)
    return execution.stderr[m.start():] if m else None


def threads_waiting(dump: str) -> bool:
    """Whether a stack dump shows two or more threads with at least one blocked waiting."""
    return len(_THREAD.findall(dump)) >= 2 and bool(_WAITING.search(dump))


def counterexample(execution: Execution) -> str | None:
    """Hypothesis's shrunk counterexample (``Falsifying example: f(x=0)``; newer versions
    say ``Failing test case:``), if reported.

    pytest prefixes exception lines with ``E   ``; they are unprefixed first. The
    example runs from its first line to the closing parenthesis at column 0.
    """
    lines = [re.sub(r"^E(?:   |$)", "", ln) for ln in _failed_text(execution).splitlines()]
    for i, line in enumerate(lines):
        m = re.search(r"(?:Falsifying (?:explicit )?example|Failing test case): .*", line)
        if not m:
            continue
        out = [m.group()]
        if not out[0].rstrip().endswith("("):
            return out[0].strip()[:2000]
        for nxt in lines[i + 1:i + 60]:
            out.append(nxt)
            if nxt.startswith(")"):
                break
        return "\n".join(out).strip()[:2000]
    return None


def _no_code(attempt: Attempt, workspace: Files | None) -> str | None:
    produced = {k: v for k, v in attempt.files.items() if v.strip()}
    if produced and not (workspace is not None and all(
            workspace.get(k, "").strip() == v.strip() for k, v in produced.items())):
        return None
    return "refusal" if _REFUSAL.search(attempt.transcript) else "no-code"


def _outcome_key(e: Execution) -> tuple[object, ...]:
    return (e.passed, e.verdict, e.compile_error,
            tuple(sorted(t.name for t in e.tests if t.outcome in ("failed", "error"))))


def _compile_class(execution: Execution) -> str:
    codes = execution.diagnostics
    borrow = [c for c in codes if c in borrow_codes()]
    if borrow:
        return f"compile:{borrow[0]}"
    types = [c for c in codes if c in type_codes()]
    if types:
        return f"type-error:{types[0]}"
    return f"compile:{codes[0]}" if codes else "compile"


def classify(execution: Execution, attempt: Attempt | None = None,
             reruns: Sequence[Execution] = (), workspace: Files | None = None) -> str | None:
    """The failure class of an execution (None when it passed); see the module docstring.

    reruns: further executions of the same answer; if any of them comes out
    differently, the failure is nondeterministic and the class is ``race``.
    workspace: the task's starting files, to tell an untouched stub (no code).
    """
    if (attempt is not None and attempt.infra_error) or execution.infra_error:
        return "infra"
    if execution.passed:
        return None
    if attempt is not None:
        empty = _no_code(attempt, workspace)
        if empty:
            return empty
    first = _outcome_key(execution)
    if any(r.infra_error is None and _outcome_key(r) != first for r in reruns):
        return "race"
    dump = stack_dump(execution)
    if execution.verdict == "timeout" or dump:
        return "deadlock" if dump and threads_waiting(dump) else "timeout"
    if execution.verdict != "ok":
        return execution.verdict
    if execution.compile_error:
        return _compile_class(execution)
    text = _failed_text(execution)
    if null_error(text):
        return "null-handling"
    if "panicked at" in text and "assert" not in text:
        return "panic"
    m = _EXC.search(text) or _EXC_HEAD.search(
        "\n".join(t.message for t in execution.tests if t.outcome == "error"))
    if m and m.group(1) == "MemoryError":
        return "memory"
    if m and m.group(1) == "TypeError":
        return "type-error"
    if m and m.group(1) != "AssertionError":
        return f"exception:{m.group(1)}"
    if not execution.tests:
        return "no-tests-ran"
    return "wrong-answer"


def family(failure_class: str | None) -> str | None:
    """The family of a class: ``compile:E0382`` -> ``borrow-check``, ``exception:X`` -> ...

    One of :data:`FAMILIES` (None for a pass).
    """
    if failure_class is None:
        return None
    head, _, code = failure_class.partition(":")
    if head == "compile":
        return "borrow-check" if code in borrow_codes() else "compile"
    if head in ("cpu",):
        return "timeout"
    if head in FAMILIES:
        return head
    return "other"
