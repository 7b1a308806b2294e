"""Why an attempt failed, read from its execution.

Classes are short strings so they can be counted per night:
``infra``, ``no-code``, ``compile:E0382`` (Rust borrow-checker and other codes),
``compile``, ``timeout``, ``memory``, ``cpu``, ``output-limit``, ``killed``,
``null-handling`` (an AttributeError/TypeError on None, or an unwrap on None),
``exception:<Type>``, ``panic``, ``wrong-answer`` (a falsified property or
assertion). Passing executions have no class.
"""

from __future__ import annotations

import re

from codecanary.types import Attempt, Execution

BORROW_CODES = frozenset({"E0499", "E0502", "E0382", "E0505", "E0506", "E0507", "E0597",
                          "E0716", "E0384", "E0596", "E0373", "E0503"})
_NONE_ERR = re.compile(
    r"(AttributeError: 'NoneType'|TypeError: .*'NoneType'|TypeError: .*NoneType"
    r"|called `Option::unwrap\(\)` on a `None` value|NullPointerException"
    r"|Cannot read propert(y|ies) of (null|undefined))")
_EXC = re.compile(r"^E\s+(\w+(?:Error|Exception|Exit|Interrupt))\b", re.M)


def classify(execution: Execution, attempt: Attempt | None = None) -> str | None:
    """The failure class of an execution (None when it passed)."""
    if (attempt is not None and attempt.infra_error) or execution.infra_error:
        return "infra"
    if execution.passed:
        return None
    if attempt is not None and not any(t.strip() for t in attempt.files.values()):
        return "no-code"
    if execution.verdict != "ok":
        return execution.verdict
    if execution.compile_error:
        borrow = [c for c in execution.diagnostics if c in BORROW_CODES]
        if borrow:
            return f"compile:{borrow[0]}"
        return f"compile:{execution.diagnostics[0]}" if execution.diagnostics else "compile"
    text = "\n".join(t.message for t in execution.tests if t.outcome in ("failed", "error"))
    text += "\n" + execution.stdout[-20000:]
    if _NONE_ERR.search(text):
        return "null-handling"
    if "panicked at" in text and "assert" not in text:
        return "panic"
    m = _EXC.search(text)
    if m and m.group(1) != "AssertionError":
        return f"exception:{m.group(1)}"
    if not execution.tests:
        return "no-tests-ran"
    return "wrong-answer"
