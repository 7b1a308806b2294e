"""State-management operators: the child keeps state that must not leak or alias.

* ``state-management/defensive-cache`` — ``f_cached(*args)`` memoises ``f``
  but callers that mutate a returned value must never change what later calls
  get; ``f_cache_clear()`` empties the cache.
* ``state-management/independent-sessions`` — class ``FSession``: each
  instance keeps its own call history (bounded to the last ``k`` calls);
  two sessions never share state, and ``history()`` returns a copy.
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

AREA = ("state-management",)


DEFENSIVE_CACHE_CODE = '''
${store} = {}


${sig}
    """${doc}"""
    key = repr(args)
    if key not in ${store}:
        ${store}[key] = ${fn}(*args)
    return copy.deepcopy(${store}[key])


def ${clear}():
    """Forget every cached result."""
    ${store}.clear()
'''

DEFENSIVE_CACHE_TEST = '''
from unittest import mock

from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${clear}, ${new}


def fake(*args):
    fake.calls += 1
    return {"args": list(args), "items": [1, 2], "meta": {"n": len(args)}}


@settings(max_examples=60)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=8))
def test_mutating_results_never_changes_the_cache(keys):
    ${clear}()
    fake.calls = 0
    with mock.patch.object(${mod}, "${fn}", fake):
        for k in keys:
            got = ${new}("k", k)
            assert got == fake("k", k)
            fake.calls -= 1
            got["items"].append("junk")
            got["meta"]["n"] = -1
            got["args"].clear()
    assert fake.calls == len(set(keys))


def test_clear_recomputes():
    ${clear}()
    fake.calls = 0
    with mock.patch.object(${mod}, "${fn}", fake):
        ${new}(1)
        ${new}(1)
        ${clear}()
        ${new}(1)
    assert fake.calls == 2
'''


class DefensiveCache:
    """See the module docstring."""

    name = "state-management/defensive-cache"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        new = fresh(parent, f"{f.name}_cached")
        clear = fresh(parent, f"{f.name}_cache_clear")
        store = fresh(parent, f"_{f.name}_cache")
        mod = module_of(parent)
        sig = f"def {new}(*args):"
        doc = f"Memoised {f.name}; callers may mutate what they get without harm."
        code = fill(DEFENSIVE_CACHE_CODE, store=store, sig=sig, doc=doc, fn=f.name, clear=clear)
        bad = code.replace(f"return copy.deepcopy({store}[key])", f"return {store}[key]")
        stub_code = stub(sig, doc) + "\n\n" + stub(f"def {clear}():", "Forget every result.")
        test = fill(DEFENSIVE_CACHE_TEST, mod=mod, clear=clear, new=new, fn=f.name)
        section = (f"Add `{new}(*args)`, a memoised `{f.name}` (arguments are equal when their "
                   f"`repr` is equal; the first call computes, later ones reuse), and "
                   f"`{clear}()` which forgets every cached result. Callers are careless: "
                   f"they modify the lists and dicts they get back, at any depth. That must "
                   f"never change what later calls return. Call `{f.name}` through its "
                   f"module-level name.")
        ext = Extension(section, code, stub_code, test, "defensive_cache", bad,
                        {"function": f.name, "new": new}, ("copy",), f"defensive `{new}`")
        return extend(parent, self.name, AREA, ext)


INDEPENDENT_SESSIONS_CODE = '''
class ${cls}:
    """Calls ${fn} and remembers this session's last ${k} calls."""

    def __init__(self, history=None):
        self._history = list(history) if history is not None else []
        del self._history[:-${k}]

    def call(self, *args):
        result = ${fn}(*args)
        self._history.append((args, result))
        del self._history[:-${k}]
        return result

    def history(self):
        return list(self._history)
'''

INDEPENDENT_SESSIONS_BAD = '''
class ${cls}:
    def __init__(self, history=[]):
        self._history = history
        del self._history[:-${k}]

    def call(self, *args):
        result = ${fn}(*args)
        self._history.append((args, result))
        del self._history[:-${k}]
        return result

    def history(self):
        return list(self._history)
'''

INDEPENDENT_SESSIONS_STUB = '''
class ${cls}:
    """Calls ${fn} and remembers this session's last ${k} calls."""

    def __init__(self, history=None):
        raise NotImplementedError

    def call(self, *args):
        raise NotImplementedError

    def history(self):
        raise NotImplementedError
'''

INDEPENDENT_SESSIONS_TEST = '''
from unittest import mock

from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${cls}


def fake(*args):
    return ("result", args)


@settings(max_examples=60)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 9)), max_size=12))
def test_sessions_are_independent_and_bounded(ops):
    with mock.patch.object(${mod}, "${fn}", fake):
        a, b = ${cls}(), ${cls}()
        seen = {True: [], False: []}
        for which, x in ops:
            s = a if which else b
            assert s.call(x) == ("result", (x,))
            seen[which].append(((x,), ("result", (x,))))
        assert a.history() == seen[True][-${k}:]
        assert b.history() == seen[False][-${k}:]


def test_history_is_a_copy_and_seed_list_untouched():
    seed = [((0,), "r0")]
    with mock.patch.object(${mod}, "${fn}", fake):
        s = ${cls}(seed)
        s.call(1)
        h = s.history()
        h.clear()
        assert len(s.history()) == 2
        assert seed == [((0,), "r0")]
        fresh = ${cls}()
        assert fresh.history() == []
'''


class IndependentSessions:
    """See the module docstring."""

    name = "state-management/independent-sessions"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        k = rng.choice((3, 4, 5))
        cls = fresh(parent, "".join(p.title() for p in f.name.split("_")) + "Session")
        mod = module_of(parent)
        code = fill(INDEPENDENT_SESSIONS_CODE, cls=cls, fn=f.name, k=k)
        bad = fill(INDEPENDENT_SESSIONS_BAD, cls=cls, k=k, fn=f.name)
        stub_code = fill(INDEPENDENT_SESSIONS_STUB, cls=cls, fn=f.name, k=k)
        test = fill(INDEPENDENT_SESSIONS_TEST, mod=mod, cls=cls, fn=f.name, k=k)
        section = (f"Add class `{cls}`: `{cls}(history=None)` starts a session, optionally "
                   f"from an earlier session's history (a list of `(args, result)` pairs, "
                   f"which must not be modified). `call(*args)` returns `{f.name}(*args)` and "
                   f"records `(args, result)`; `history()` returns the session's last {k} "
                   f"records, oldest first, as a new list the caller may change freely. "
                   f"Sessions are independent: calls on one never show up in another, "
                   f"including sessions created without a history.")
        ext = Extension(section, code, stub_code, test, "sessions", bad,
                        {"function": f.name, "new": cls, "keep": k}, title=f"`{cls}`")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (DefensiveCache(), IndependentSessions())
