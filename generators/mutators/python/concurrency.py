"""Concurrency operators: the child must stay correct under N concurrent callers.

Each adds a function around a public function ``f`` of the parent; the new
tests replace ``f`` by a slow fake that records how many calls overlap, so a
missing lock or an unbounded pool is caught on every run, not by luck.

* ``concurrency/single-flight-cache`` — ``f_cached(*args)``: N threads asking
  for the same arguments at once cause one call of ``f``.
* ``concurrency/bounded-parallel-map`` — ``f_map(calls, workers)``: calls run
  in parallel, never more than ``workers`` at once, results in input order.
* ``concurrency/serialized-calls`` — ``f`` is not thread-safe:
  ``f_serialized(*args)`` lets at most one call run at a time.
* ``concurrency/worker-pool`` (in :mod:`.concurrency_pool`) — ``FPool(workers)``, ``submit(*args)``
  returning a future, from many producer threads, and ``close()``.
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
from generators.mutators.python._threads import header, slow_fake
from generators.mutators.shared.text import fill

AREA = ("concurrency",)

SINGLE_FLIGHT_CACHE_CODE = '''
${store} = {}
${lock} = threading.Lock()


${sig}
    """${doc}"""
    key = repr(args)
    with ${lock}:
        entry = ${store}.get(key)
        if entry is None:
            entry = ${store}[key] = [threading.Event(), None, None]
            owner = True
        else:
            owner = False
    if owner:
        try:
            entry[1] = ${fn}(*args)
        except BaseException as exc:
            entry[2] = exc
            ${store}.pop(key, None)
            raise
        finally:
            entry[0].set()
        return entry[1]
    entry[0].wait()
    if entry[2] is not None:
        raise entry[2]
    return entry[1]
'''

SINGLE_FLIGHT_CACHE_BAD = '''
${store} = {}


${sig}
    key = repr(args)
    if key not in ${store}:
        ${store}[key] = ${fn}(*args)
    return ${store}[key]
'''

SINGLE_FLIGHT_CACHE_TEST = '''


def hammer(n, args_of, fake=None):
    fake = fake or Fake(0.05)
    barrier = threading.Barrier(n)
    out = [None] * n

    def work(i):
        barrier.wait()
        try:
            out[i] = ${new}(*args_of(i))
        except Exception as exc:
            out[i] = exc

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with mock.patch.object(${mod}, "${fn}", fake):
            threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        sys.setswitchinterval(old)
    return fake, out


@pytest.mark.parametrize("round_", range(8))
def test_same_args_computed_once_under_${n}_threads(round_):
    fake, out = hammer(${n}, lambda i: ("same", round_, ${salt}))
    assert len(fake.calls) == 1
    assert all(o == out[0] for o in out)


def test_every_waiter_sees_the_failure():
    class Failing(Fake):
        def __call__(self, *args):
            super().__call__(*args)
            raise LookupError("backend down")

    fake, out = hammer(${n}, lambda i: ("failing",), Failing(0.05))
    assert all(isinstance(o, LookupError) for o in out), out


def test_distinct_args_each_computed_once():
    fake, out = hammer(${n}, lambda i: ("key", i % 3))
    assert sorted(fake.calls) == [("key", 0), ("key", 1), ("key", 2)]
    assert out == [("result", ("key", i % 3)) for i in range(${n})]


def test_cached_afterwards():
    fake = Fake(0.0)
    with mock.patch.object(${mod}, "${fn}", fake):
        assert ${new}("again", 1) == ${new}("again", 1)
        assert ${new}("again", 1) == ("result", ("again", 1))
    assert len(fake.calls) == 1


def test_failure_is_not_cached():
    def boom(*args):
        raise ValueError("no")

    with mock.patch.object(${mod}, "${fn}", boom):
        with pytest.raises(ValueError):
            ${new}("fails", 2)
    fake = Fake(0.0)
    with mock.patch.object(${mod}, "${fn}", fake):
        assert ${new}("fails", 2) == ("result", ("fails", 2))
'''


class SingleFlightCache:
    """See the module docstring."""

    name = "concurrency/single-flight-cache"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        n = rng.choice((4, 6, 8, 12))
        new = fresh(parent, f"{f.name}_cached")
        mod = module_of(parent)
        sig = f"def {new}(*args):"
        doc = f"{f.name}(*args), computed once per distinct args even under concurrent callers."
        store, lock = fresh(parent, f"_{new}_results"), fresh(parent, f"_{new}_lock")
        code = fill(SINGLE_FLIGHT_CACHE_CODE, store=store, lock=lock, sig=sig, doc=doc, fn=f.name)
        bad = fill(SINGLE_FLIGHT_CACHE_BAD, store=store, sig=sig, fn=f.name)
        test = header(mod, new) + slow_fake(f.name) + fill(SINGLE_FLIGHT_CACHE_TEST, new=new,
                                                        mod=mod, fn=f.name, n=n,
                                                        salt=rng.randint(1, 99))
        section = (f"Add `{new}(*args)`, a memoised `{f.name}` for a server whose request "
                   f"threads ask for the same results at once. Arguments are equal when their "
                   f"`repr` is equal. When up to {n} threads call it concurrently with equal "
                   f"arguments, `{f.name}` must run exactly once and every caller gets its "
                   f"result (single flight); later calls return the cached result. If "
                   f"`{f.name}` raises, every waiting caller sees the exception and nothing is "
                   f"cached. Call `{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "single_flight", bad,
                        {"function": f.name, "new": new, "threads": n}, ("threading",),
                        f"single-flight `{new}`")
        return extend(parent, self.name, AREA, ext)


BOUNDED_PARALLEL_MAP_CODE = '''
${sig}
    """${doc}"""
    if workers < 1:
        raise ValueError("workers must be >= 1")
    calls = list(calls)
    results = [None] * len(calls)
    errors = [None] * len(calls)
    slots = threading.Semaphore(workers)

    def run(i):
        try:
            results[i] = ${fn}(*calls[i])
        except Exception as exc:
            errors[i] = exc
        finally:
            slots.release()

    threads = []
    for i in range(len(calls)):
        slots.acquire()
        t = threading.Thread(target=run, args=(i,))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    for exc in errors:
        if exc is not None:
            raise exc
    return results
'''

BOUNDED_PARALLEL_MAP_BAD = '''
${sig}
    if workers < 1:
        raise ValueError("workers must be >= 1")
    calls = list(calls)
    results = [None] * len(calls)

    def run(i):
        results[i] = ${fn}(*calls[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
'''

BOUNDED_PARALLEL_MAP_TEST = '''


@pytest.mark.parametrize("workers", [1, 2, ${k}, 5])
def test_bounded_and_ordered(workers):
    fake = Fake(0.03)
    calls = [("c", i) for i in range(12)]
    with mock.patch.object(${mod}, "${fn}", fake):
        got = ${new}(calls, workers)
    assert got == [("result", c) for c in calls]
    assert sorted(fake.calls) == sorted(calls)
    assert fake.peak <= workers
    if workers > 1:
        assert fake.peak >= 2, "calls ran one at a time"


def test_default_workers():
    fake = Fake(0.03)
    with mock.patch.object(${mod}, "${fn}", fake):
        ${new}([("d", i) for i in range(9)])
    assert 2 <= fake.peak <= ${k}


def test_empty_and_bad_workers():
    assert ${new}([], 3) == []
    with pytest.raises(ValueError):
        ${new}([("x",)], 0)


def test_error_propagates():
    def boom(*args):
        if args == ("bad",):
            raise KeyError("bad")
        return args

    with mock.patch.object(${mod}, "${fn}", boom):
        with pytest.raises(KeyError):
            ${new}([("a",), ("bad",), ("c",)], 2)
'''


class BoundedParallelMap:
    """See the module docstring."""

    name = "concurrency/bounded-parallel-map"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        k = rng.choice((2, 3, 4))
        new = fresh(parent, f"{f.name}_map")
        mod = module_of(parent)
        sig = f"def {new}(calls, workers={k}):"
        doc = f"{f.name}(*args) for each args, at most `workers` at once, results in order."
        code = fill(BOUNDED_PARALLEL_MAP_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(BOUNDED_PARALLEL_MAP_BAD, sig=sig, fn=f.name)
        test = header(mod, new) + slow_fake(f.name) + fill(
            BOUNDED_PARALLEL_MAP_TEST, k=k, mod=mod, fn=f.name, new=new)
        section = (f"Add `{new}(calls, workers={k})`: `calls` is a list of argument tuples; "
                   f"return `[{f.name}(*args) for args in calls]`, in input order, but run the "
                   f"calls in parallel threads, never more than `workers` at the same time "
                   f"(`{f.name}` is slow and I/O-bound; the backend it talks to allows "
                   f"only `workers` concurrent requests). `workers < 1` raises `ValueError`. "
                   f"If a call raises, the exception propagates to the caller after all calls "
                   f"finished. Call `{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "bounded_map", bad,
                        {"function": f.name, "new": new, "workers": k}, ("threading",),
                        f"bounded parallel `{new}`")
        return extend(parent, self.name, AREA, ext)


SERIALIZED_CALLS_CODE = '''
${lock} = threading.Lock()


${sig}
    """${doc}"""
    with ${lock}:
        return ${fn}(*args)
'''

SERIALIZED_CALLS_BAD = '''
${sig}
    return ${fn}(*args)
'''

SERIALIZED_CALLS_TEST = '''


def test_never_two_at_once_under_${n}_threads():
    fake = Fake(0.01)
    barrier = threading.Barrier(${n})
    out = {}

    def work(i):
        barrier.wait()
        out[i] = ${new}("t", i)

    with mock.patch.object(${mod}, "${fn}", fake):
        threads = [threading.Thread(target=work, args=(i,)) for i in range(${n})]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert fake.peak == 1
    assert out == {i: ("result", ("t", i)) for i in range(${n})}


def test_lock_released_after_error():
    def boom(*args):
        raise RuntimeError("x")

    with mock.patch.object(${mod}, "${fn}", boom):
        with pytest.raises(RuntimeError):
            ${new}(1)
    done = []
    t = threading.Thread(target=lambda: done.append(${new}.__name__))
    fake = Fake(0.0)
    with mock.patch.object(${mod}, "${fn}", fake):
        t.start()
        t.join(5)
        assert ${new}(2) == ("result", (2,))
    assert done
'''


class SerializedCalls:
    """See the module docstring."""

    name = "concurrency/serialized-calls"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        n = rng.choice((4, 8, 16))
        new = fresh(parent, f"{f.name}_serialized")
        lock = fresh(parent, f"_{f.name}_guard")
        mod = module_of(parent)
        sig = f"def {new}(*args):"
        doc = f"{f.name}(*args), never two at the same time, from any number of threads."
        code = fill(SERIALIZED_CALLS_CODE, lock=lock, sig=sig, doc=doc, fn=f.name)
        bad = fill(SERIALIZED_CALLS_BAD, sig=sig, fn=f.name)
        test = header(mod, new) + slow_fake(f.name) + fill(
            SERIALIZED_CALLS_TEST, n=n, new=new, mod=mod, fn=f.name)
        section = (f"`{f.name}` turned out not to be thread-safe (it uses a shared C "
                   f"library handle in production). Add `{new}(*args)` that returns "
                   f"`{f.name}(*args)` and may be called from {n} or more threads at once, yet "
                   f"never lets two calls of `{f.name}` run at the same time. An exception "
                   f"from `{f.name}` propagates and must not block later callers. Call "
                   f"`{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "serialized", bad,
                        {"function": f.name, "new": new, "threads": n}, ("threading",),
                        f"serialized `{new}`")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (SingleFlightCache(), BoundedParallelMap(), SerializedCalls())
