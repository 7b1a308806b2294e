"""Error-handling operators: the child must report, retry and propagate errors precisely.

* ``error-handling/retry-transient`` — ``f_retry(*args, attempts=k)`` retries
  ``f`` on ``TransientError`` only, at most ``attempts`` calls, and re-raises
  the last one; any other exception propagates at once.
* ``error-handling/collect-errors`` — ``f_safe(calls)`` returns
  ``("ok", result)`` or ``("error", "<ExceptionClass>")`` per call, catching
  ``Exception`` but never ``KeyboardInterrupt``/``SystemExit``.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.python._extend import (
    Extension,
    extend,
    fresh,
    module_of,
    pick,
    stub,
)
from generators.mutators.shared.text import fill

AREA = ("error-handling",)


RETRY_TRANSIENT_CODE = '''
class ${exc}(Exception):
    """A failure worth retrying (a timeout, a dropped connection)."""


${sig}
    """${doc}"""
    if attempts < 1:
        raise ValueError("attempts must be >= 1")
    for _ in range(attempts - 1):
        try:
            return ${fn}(*args)
        except ${exc}:
            continue
    return ${fn}(*args)
'''

RETRY_TRANSIENT_BAD = '''
class ${exc}(Exception):
    pass


${sig}
    if attempts < 1:
        raise ValueError("attempts must be >= 1")
    last = None
    for attempt in range(attempts):
        try:
            return ${fn}(*args)
        except Exception as e:
            last = e
    raise last
'''

RETRY_TRANSIENT_TEST = '''
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${exc}, ${new}


def flaky(failures, error=${exc}):
    calls = []

    def fake(*args):
        calls.append(args)
        if len(calls) <= failures:
            raise error("try again")
        return ("result", args)

    return fake, calls


@settings(max_examples=60)
@given(st.integers(0, 7), st.integers(1, 6))
def test_retries_transient_only_up_to_attempts(failures, attempts):
    fake, calls = flaky(failures)
    with mock.patch.object(${mod}, "${fn}", fake):
        if failures < attempts:
            assert ${new}("x", 1, attempts=attempts) == ("result", ("x", 1))
            assert len(calls) == failures + 1
        else:
            with pytest.raises(${exc}):
                ${new}("x", 1, attempts=attempts)
            assert len(calls) == attempts


@pytest.mark.parametrize("error", [ValueError, KeyError, RuntimeError])
def test_other_errors_are_not_retried(error):
    fake, calls = flaky(1, error)
    with mock.patch.object(${mod}, "${fn}", fake):
        with pytest.raises(error):
            ${new}(3)
    assert len(calls) == 1


def test_default_attempts_and_bad_attempts():
    fake, calls = flaky(99)
    with mock.patch.object(${mod}, "${fn}", fake):
        with pytest.raises(${exc}):
            ${new}()
    assert len(calls) == ${k}
    with pytest.raises(ValueError):
        ${new}(attempts=0)
'''


class RetryTransient:
    """See the module docstring."""

    name = "error-handling/retry-transient"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        k = rng.choice((2, 3, 4, 5))
        new = fresh(parent, f"{f.name}_retry")
        exc = fresh(parent, "TransientError")
        mod = module_of(parent)
        sig = f"def {new}(*args, attempts={k}):"
        doc = f"{f.name}(*args), retried on {exc} up to `attempts` calls in all."
        code = fill(RETRY_TRANSIENT_CODE, exc=exc, sig=sig, doc=doc, fn=f.name)
        bad = fill(RETRY_TRANSIENT_BAD, exc=exc, sig=sig, fn=f.name)
        stub_code = f"class {exc}(Exception):\n    pass\n\n\n" + stub(sig, doc)
        test = fill(RETRY_TRANSIENT_TEST, mod=mod, exc=exc, new=new, fn=f.name, k=k)
        section = (f"`{f.name}` now talks to a flaky backend. Define `class {exc}(Exception)` "
                   f"(raised by `{f.name}` when a call may succeed if repeated) and "
                   f"`{new}(*args, attempts={k})`: call `{f.name}(*args)`; on `{exc}` call "
                   f"again, at most `attempts` calls in all, and when the last one fails "
                   f"too, re-raise that `{exc}`. Any other exception propagates at once, "
                   f"without retrying. `attempts < 1` raises `ValueError`. Call `{f.name}` "
                   f"through its module-level name.")
        ext = Extension(section, code, stub_code, test, "retry", bad,
                        {"function": f.name, "new": new, "attempts": k},
                        title=f"`{new}` on transient errors")
        return extend(parent, self.name, AREA, ext)


COLLECT_ERRORS_CODE = '''
${sig}
    """${doc}"""
    out = []
    for args in calls:
        try:
            out.append(("ok", ${fn}(*args)))
        except Exception as exc:
            out.append(("error", type(exc).__name__))
    return out
'''

COLLECT_ERRORS_BAD = '''
${sig}
    out = []
    for args in calls:
        try:
            out.append(("ok", ${fn}(*args)))
        except BaseException as exc:
            out.append(("error", type(exc).__name__))
    return out
'''

COLLECT_ERRORS_TEST = '''
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${new}

ERRORS = {0: ZeroDivisionError, 1: KeyError, 2: ValueError, 3: LookupError}


def fake(x):
    if x in ERRORS:
        raise ERRORS[x]("bad input")
    return x * 10


@settings(max_examples=100)
@given(st.lists(st.integers(-3, 8), max_size=10))
def test_each_call_reported(xs):
    with mock.patch.object(${mod}, "${fn}", fake):
        got = ${new}([(x,) for x in xs])
    want = [("error", ERRORS[x].__name__) if x in ERRORS else ("ok", x * 10)
            for x in xs]
    assert got == want


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_interrupts_propagate(stop):
    def fake_stop(x):
        raise stop()

    with mock.patch.object(${mod}, "${fn}", fake_stop):
        with pytest.raises(stop):
            ${new}([(1,)])
'''


class CollectErrors:
    """See the module docstring."""

    name = "error-handling/collect-errors"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        new = fresh(parent, f"{f.name}_safe")
        mod = module_of(parent)
        sig = f"def {new}(calls):"
        doc = f"('ok', result) or ('error', ExceptionClassName) for each call of {f.name}."
        code = fill(COLLECT_ERRORS_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(COLLECT_ERRORS_BAD, sig=sig, fn=f.name)
        test = fill(COLLECT_ERRORS_TEST, mod=mod, new=new, fn=f.name)
        section = (f"Add `{new}(calls)` for a batch job that must not die on one bad record: "
                   f"for each argument tuple in `calls`, in order, call `{f.name}(*args)` and "
                   f"report `(\"ok\", result)`, or `(\"error\", name)` where `name` is the "
                   f"class name of the exception it raised (e.g. `\"KeyError\"`). Only "
                   f"ordinary exceptions (`Exception`) are reported: `KeyboardInterrupt` and "
                   f"`SystemExit` must stop the batch. Call `{f.name}` through its "
                   f"module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "collect_errors", bad,
                        {"function": f.name, "new": new}, title=f"error report `{new}`")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (RetryTransient(), CollectErrors())
