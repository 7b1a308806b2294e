"""Boundary operators: the child adds index arithmetic with the classic off-by-one traps.

* ``boundaries/inclusive-range`` — ``f_range(calls, first, last)``: results of
  the calls numbered ``first..last``, 1-based and inclusive, clamped to the list.
* ``boundaries/chunked`` — ``f_chunks(calls, size)``: results in chunks of
  ``size``, the last one shorter; ``size < 1`` is an error.
* ``boundaries/last-n`` — ``f_tail(calls, n)``: the results of the last ``n``
  calls (``n = 0`` is the empty list, the ``xs[-0:]`` trap).

Tests use a model of the index arithmetic written independently of the
reference, over hypothesis-drawn lengths and bounds beyond both ends.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.python._extend import (
    Extension,
    extend,
    fresh,
    indent_body,
    module_of,
    pick,
    stub,
)
from generators.mutators.shared.text import fill

AREA = ("boundaries",)


def _test(mod: str, f: str, new: str, body: str) -> str:
    return indent_body(f'''
        from unittest import mock

        import pytest
        from hypothesis import given, settings, strategies as st

        import {mod}
        from {mod} import {new}


        def fake(*args):
            return ("result", args)
        ''') + "\n\n" + indent_body(body)


INCLUSIVE_RANGE_CODE = '''
${sig}
    """${doc}"""
    start = max(first, 1) - 1
    stop = max(min(last, len(calls)), 0)
    return [${fn}(*args) for args in calls[start:stop]]
'''

INCLUSIVE_RANGE_BAD = '''
${sig}
    start = max(first, 1) - 1
    stop = max(min(last, len(calls)), 0) - 1
    return [${fn}(*args) for args in calls[start:stop]]
'''


class InclusiveRange:
    """See the module docstring."""

    name = "boundaries/inclusive-range"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        new = fresh(parent, f"{f.name}_range")
        mod = module_of(parent)
        sig = f"def {new}(calls, first, last):"
        doc = f"{f.name} over calls numbered first..last (1-based, inclusive, clamped)."
        code = fill(INCLUSIVE_RANGE_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(INCLUSIVE_RANGE_BAD, sig=sig, fn=f.name)
        test = _test(mod, f.name, new, f'''
            @settings(max_examples=150)
            @given(st.integers(0, 9), st.integers(-3, 12), st.integers(-3, 12))
            def test_inclusive_clamped(n, first, last):
                calls = [("c", i) for i in range(1, n + 1)]
                with mock.patch.object({mod}, "{f.name}", fake):
                    got = {new}(calls, first, last)
                want = [("result", ("c", i)) for i in range(1, n + 1) if first <= i <= last]
                assert got == want


            def test_examples():
                calls = [(x,) for x in "abcde"]
                with mock.patch.object({mod}, "{f.name}", fake):
                    assert {new}(calls, 2, 4) == [("result", (x,)) for x in "bcd"]
                    assert {new}(calls, 5, 5) == [("result", ("e",))]
                    assert {new}(calls, 0, 1) == [("result", ("a",))]
                    assert {new}(calls, 4, 2) == []
                    assert {new}(calls, 6, 9) == []
                    assert {new}([], 1, 3) == []
            ''')
        section = (f"Add `{new}(calls, first, last)`: `calls` is a list of argument tuples for "
                   f"`{f.name}`, numbered from 1. Return `{f.name}(*args)` for the calls "
                   f"numbered `first` to `last`, both included, in order. Bounds beyond either "
                   f"end are clamped (`first <= 0` starts at the first call, `last` past the "
                   f"end stops at the last); `first > last` gives `[]`. Do not call "
                   f"`{f.name}` for calls outside the range.")
        ext = Extension(section, code, stub(sig, doc), test, "inclusive_range", bad,
                        {"function": f.name, "new": new}, title=f"inclusive `{new}`")
        return extend(parent, self.name, AREA, ext)


CHUNKED_CODE = '''
${sig}
    """${doc}"""
    if size < 1:
        raise ValueError("size must be >= 1")
    results = [${fn}(*args) for args in calls]
    return [results[i:i + size] for i in range(0, len(results), size)]
'''

CHUNKED_BAD = '''
${sig}
    if size < 1:
        raise ValueError("size must be >= 1")
    results = [${fn}(*args) for args in calls]
    return [results[i:i + size] for i in range(0, len(results) - 1, size)]
'''


class Chunked:
    """See the module docstring."""

    name = "boundaries/chunked"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        new = fresh(parent, f"{f.name}_chunks")
        mod = module_of(parent)
        sig = f"def {new}(calls, size):"
        doc = f"{f.name} results in chunks of `size` (the last may be shorter)."
        code = fill(CHUNKED_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(CHUNKED_BAD, sig=sig, fn=f.name)
        test = _test(mod, f.name, new, f'''
            @settings(max_examples=150)
            @given(st.integers(0, 13), st.integers(1, 6))
            def test_chunks(n, size):
                calls = [(i,) for i in range(n)]
                with mock.patch.object({mod}, "{f.name}", fake):
                    got = {new}(calls, size)
                flat = [r for chunk in got for r in chunk]
                assert flat == [("result", c) for c in calls]
                assert all(len(chunk) == size for chunk in got[:-1])
                assert all(1 <= len(chunk) <= size for chunk in got)
                assert len(got) == -(-n // size)


            @pytest.mark.parametrize("size", [0, -1])
            def test_bad_size(size):
                with pytest.raises(ValueError):
                    {new}([(1,)], size)


            def test_examples():
                with mock.patch.object({mod}, "{f.name}", fake):
                    assert {new}([], 3) == []
                    assert {new}([(1,)], 1) == [[("result", (1,))]]
                    assert [len(c) for c in {new}([(i,) for i in range(7)], 3)] == [3, 3, 1]
                    assert [len(c) for c in {new}([(i,) for i in range(6)], 3)] == [3, 3]
            ''')
        section = (f"Add `{new}(calls, size)`: apply `{f.name}` to each argument tuple of "
                   f"`calls` and return the results in consecutive chunks (lists) of `size`; "
                   f"every chunk has exactly `size` results except the last, which has the "
                   f"rest (never an empty chunk; no calls give `[]`). `size < 1` raises "
                   f"`ValueError`.")
        ext = Extension(section, code, stub(sig, doc), test, "chunked", bad,
                        {"function": f.name, "new": new}, title=f"chunked `{new}`")
        return extend(parent, self.name, AREA, ext)


LAST_N_CODE = '''
${sig}
    """${doc}"""
    if n < 0:
        raise ValueError("n must be >= 0")
    start = max(len(calls) - n, 0)
    return [${fn}(*args) for args in calls[start:]]
'''

LAST_N_BAD = '''
${sig}
    if n < 0:
        raise ValueError("n must be >= 0")
    return [${fn}(*args) for args in calls[-n:]]
'''


class LastN:
    """See the module docstring."""

    name = "boundaries/last-n"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        new = fresh(parent, f"{f.name}_tail")
        mod = module_of(parent)
        sig = f"def {new}(calls, n):"
        doc = f"{f.name} results of the last n calls (n=0 -> [], n > len -> all)."
        code = fill(LAST_N_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(LAST_N_BAD, sig=sig, fn=f.name)
        test = _test(mod, f.name, new, f'''
            @settings(max_examples=150)
            @given(st.integers(0, 9), st.integers(0, 12))
            def test_last_n(size, n):
                calls = [(i,) for i in range(size)]
                with mock.patch.object({mod}, "{f.name}", fake):
                    got = {new}(calls, n)
                want = [("result", (i,)) for i in range(size) if i >= size - n]
                assert got == want


            def test_zero_and_negative():
                with mock.patch.object({mod}, "{f.name}", fake):
                    assert {new}([(1,), (2,)], 0) == []
                with pytest.raises(ValueError):
                    {new}([(1,)], -1)
            ''')
        section = (f"Add `{new}(calls, n)`: the results of `{f.name}(*args)` for the last `n` "
                   f"argument tuples of `calls`, in order (all of them when `n` is larger than "
                   f"the list; `n == 0` gives `[]`). Negative `n` raises `ValueError`. Do not "
                   f"call `{f.name}` for the other calls.")
        ext = Extension(section, code, stub(sig, doc), test, "last_n", bad,
                        {"function": f.name, "new": new}, title=f"`{new}` of the last n")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (InclusiveRange(), Chunked(), LastN())
