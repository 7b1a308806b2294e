"""Performance operators: scale the input so that only the efficient algorithm passes.

* ``performance/dedupe-calls`` — ``f_many(calls)`` on up to 200 000 argument
  tuples with few distinct ones: ``f`` (expensive) may run only once per
  distinct tuple. Checked by counting calls, so the test is exact, not timed.
* ``performance/equal-result-pairs`` — ``f_equal_pairs(calls)``: how many pairs
  ``i < j`` have equal results; 100 000 calls, within a 10 s alarm set by the
  test itself (the quadratic count needs ~5e9 comparisons).
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

AREA = ("performance",)


DEDUPE_CALLS_CODE = '''
${sig}
    """${doc}"""
    done = {}
    out = []
    for args in calls:
        key = tuple(args)
        if key not in done:
            done[key] = ${fn}(*key)
        out.append(done[key])
    return out
'''

DEDUPE_CALLS_BAD = '''
${sig}
    return [${fn}(*args) for args in calls]
'''

DEDUPE_CALLS_TEST = '''
from unittest import mock

from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${new}


def fake(*args):
    fake.calls += 1
    return ("result", args)


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from("ab")), max_size=30))
def test_results_in_order_one_call_per_distinct(calls):
    fake.calls = 0
    with mock.patch.object(${mod}, "${fn}", fake):
        got = ${new}(calls)
    assert got == [("result", c) for c in calls]
    assert fake.calls == len(set(calls))


def test_${n}_calls():
    calls = [(i % 97, "k") for i in range(${n})]
    fake.calls = 0
    with mock.patch.object(${mod}, "${fn}", fake):
        got = ${new}(calls)
    assert fake.calls == 97
    assert got[-1] == ("result", ((${n} - 1) % 97, "k"))
'''


class DedupeCalls:
    """See the module docstring."""

    name = "performance/dedupe-calls"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        n = rng.choice((50_000, 100_000, 200_000))
        new = fresh(parent, f"{f.name}_many")
        mod = module_of(parent)
        sig = f"def {new}(calls):"
        doc = f"{f.name}(*args) for each args; one call of {f.name} per distinct args."
        code = fill(DEDUPE_CALLS_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(DEDUPE_CALLS_BAD, sig=sig, fn=f.name)
        test = fill(DEDUPE_CALLS_TEST, mod=mod, new=new, fn=f.name, n=n)
        section = (f"`{f.name}` is expensive (each call costs a database round trip). Add "
                   f"`{new}(calls)`: `calls` is a list of up to {n:_} argument tuples "
                   f"(hashable values), with many repeats; return `{f.name}(*args)` for each, "
                   f"in order, calling `{f.name}` exactly once per distinct tuple. Call "
                   f"`{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "dedupe_calls", bad,
                        {"function": f.name, "new": new, "n": n}, title=f"batched `{new}`")
        return extend(parent, self.name, AREA, ext)


EQUAL_RESULT_PAIRS_CODE = '''
${sig}
    """${doc}"""
    seen = {}
    pairs = 0
    for args in calls:
        r = ${fn}(*args)
        pairs += seen.get(r, 0)
        seen[r] = seen.get(r, 0) + 1
    return pairs
'''

EQUAL_RESULT_PAIRS_BAD = '''
${sig}
    results = [${fn}(*args) for args in calls]
    return sum(1 for i in range(len(results)) for j in range(i + 1, len(results))
               if results[i] == results[j])
'''

EQUAL_RESULT_PAIRS_TEST = '''
import signal
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${new}


def fake(x):
    return x % 7


@settings(max_examples=80)
@given(st.lists(st.integers(0, 30), max_size=25))
def test_counts_pairs(xs):
    with mock.patch.object(${mod}, "${fn}", fake):
        got = ${new}([(x,) for x in xs])
    r = [x % 7 for x in xs]
    assert got == sum(r[i] == r[j] for i in range(len(r)) for j in range(i + 1, len(r)))


def test_${n}_calls_within_10_seconds():
    def too_slow(*_):
        raise TimeoutError("quadratic: did not finish within 10 s")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(10)
    try:
        with mock.patch.object(${mod}, "${fn}", fake):
            got = ${new}([(i,) for i in range(${n})])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    counts = [len(range(k, ${n}, 7)) for k in range(7)]
    assert got == sum(c * (c - 1) // 2 for c in counts)
'''


class EqualResultPairs:
    """See the module docstring."""

    name = "performance/equal-result-pairs"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        n = rng.choice((80_000, 100_000, 120_000))
        new = fresh(parent, f"{f.name}_equal_pairs")
        mod = module_of(parent)
        sig = f"def {new}(calls):"
        doc = f"Number of pairs i < j with equal {f.name} results (hashable results)."
        code = fill(EQUAL_RESULT_PAIRS_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(EQUAL_RESULT_PAIRS_BAD, sig=sig, fn=f.name)
        test = fill(EQUAL_RESULT_PAIRS_TEST, mod=mod, new=new, fn=f.name, n=n)
        section = (f"Add `{new}(calls)`: for a list of argument tuples (up to {n:_}), return "
                   f"how many pairs of positions `i < j` have equal results "
                   f"`{f.name}(*calls[i]) == {f.name}(*calls[j])` (results are hashable). "
                   f"It must finish in well under ten seconds for {n:_} calls. Call "
                   f"`{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "equal_pairs", bad,
                        {"function": f.name, "new": new, "n": n}, title=f"`{new}` at scale")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (DedupeCalls(), EqualResultPairs())
