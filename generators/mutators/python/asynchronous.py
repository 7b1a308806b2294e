"""Async operators: the child calls the parent's function from asyncio code.

* ``async/gather-bounded`` — ``async f_all(calls, limit)``: runs the
  (blocking) ``f`` in worker threads with ``asyncio.to_thread``, at most
  ``limit`` at once, results in input order.
* ``async/deadline`` — ``async f_within(seconds, *args)``: ``f``'s result, or
  ``TimeoutError`` once ``seconds`` have passed, without blocking the event loop.
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

AREA = ("async",)


GATHER_BOUNDED_CODE = '''
${sig}
    """${doc}"""
    if limit < 1:
        raise ValueError("limit must be >= 1")
    gate = asyncio.Semaphore(limit)

    async def one(args):
        async with gate:
            return await asyncio.to_thread(${fn}, *args)

    return list(await asyncio.gather(*(one(args) for args in calls)))
'''

GATHER_BOUNDED_BAD = '''
${sig}
    if limit < 1:
        raise ValueError("limit must be >= 1")
    return list(await asyncio.gather(
        *(asyncio.to_thread(${fn}, *args) for args in calls)))
'''

GATHER_BOUNDED_TEST = '''
import asyncio
import threading
import time
from unittest import mock

import pytest

import ${mod}
from ${mod} import ${new}


class Fake:
    def __init__(self):
        self.lock = threading.Lock()
        self.running = self.peak = 0

    def __call__(self, *args):
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(0.03)
        with self.lock:
            self.running -= 1
        return ("result", args)


@pytest.mark.parametrize("limit", [1, 2, ${k}])
def test_bounded_in_order(limit):
    fake = Fake()
    calls = [("c", i) for i in range(10)]
    with mock.patch.object(${mod}, "${fn}", fake):
        got = asyncio.run(${new}(calls, limit))
    assert got == [("result", c) for c in calls]
    assert fake.peak <= limit
    if limit > 1:
        assert fake.peak >= 2


def test_loop_not_blocked():
    fake = Fake()
    ticks = []

    async def main():
        async def ticker():
            for _ in range(5):
                ticks.append(time.monotonic())
                await asyncio.sleep(0.01)

        t = asyncio.create_task(ticker())
        got = await ${new}([(i,) for i in range(6)], 1)
        await t
        return got

    with mock.patch.object(${mod}, "${fn}", fake):
        assert len(asyncio.run(main())) == 6
    assert len(ticks) == 5


def test_empty_and_bad_limit():
    assert asyncio.run(${new}([], 2)) == []
    with pytest.raises(ValueError):
        asyncio.run(${new}([(1,)], 0))
'''


class GatherBounded:
    """See the module docstring."""

    name = "async/gather-bounded"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        k = rng.choice((2, 3, 4))
        new = fresh(parent, f"{f.name}_all")
        mod = module_of(parent)
        sig = f"async def {new}(calls, limit={k}):"
        doc = f"{f.name} for each args in threads, at most `limit` at once, in input order."
        code = fill(GATHER_BOUNDED_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(GATHER_BOUNDED_BAD, sig=sig, fn=f.name)
        test = fill(GATHER_BOUNDED_TEST, mod=mod, new=new, k=k, fn=f.name)
        section = (f"Add `{sig[:-1]}` for an asyncio service: return `[{f.name}(*args) for "
                   f"args in calls]` in input order, but `{f.name}` is blocking, so run each "
                   f"call in a worker thread (`asyncio.to_thread`) without blocking the event "
                   f"loop, and never more than `limit` calls at the same time. `limit < 1` "
                   f"raises `ValueError`. Call `{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "gather_bounded", bad,
                        {"function": f.name, "new": new, "limit": k}, ("asyncio",),
                        f"async `{new}`")
        return extend(parent, self.name, AREA, ext)


DEADLINE_CODE = '''
${sig}
    """${doc}"""
    if seconds <= 0:
        raise ValueError("seconds must be > 0")
    return await asyncio.wait_for(asyncio.to_thread(${fn}, *args), seconds)
'''

DEADLINE_BAD = '''
${sig}
    if seconds <= 0:
        raise ValueError("seconds must be > 0")
    return ${fn}(*args)
'''

DEADLINE_TEST = '''
import asyncio
import time
from unittest import mock

import pytest

import ${mod}
from ${mod} import ${new}


def fake(delay, value):
    time.sleep(delay)
    return ("result", value)


def test_fast_call_returns():
    with mock.patch.object(${mod}, "${fn}", fake):
        assert asyncio.run(${new}(2.0, 0.0, 7)) == ("result", 7)


def test_slow_call_times_out_without_blocking_the_loop():
    ticks = []

    async def main():
        async def ticker():
            while True:
                ticks.append(1)
                await asyncio.sleep(0.02)

        t = asyncio.create_task(ticker())
        try:
            with pytest.raises(TimeoutError):
                await ${new}(0.2, 0.6, 1)
        finally:
            t.cancel()

    start = time.monotonic()
    with mock.patch.object(${mod}, "${fn}", fake):
        asyncio.run(main())
    assert len(ticks) >= 3


def test_errors_propagate():
    def boom(*args):
        raise KeyError("x")

    with mock.patch.object(${mod}, "${fn}", boom):
        with pytest.raises(KeyError):
            asyncio.run(${new}(1.0, 1))
    with pytest.raises(ValueError):
        asyncio.run(${new}(0, 1))
'''


class Deadline:
    """See the module docstring."""

    name = "async/deadline"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        new = fresh(parent, f"{f.name}_within")
        mod = module_of(parent)
        sig = f"async def {new}(seconds, *args):"
        doc = f"{f.name}(*args) in a thread, or TimeoutError after `seconds`."
        code = fill(DEADLINE_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(DEADLINE_BAD, sig=sig, fn=f.name)
        test = fill(DEADLINE_TEST, mod=mod, new=new, fn=f.name)
        section = (f"Add `{sig[:-1]}` for an asyncio service: return `{f.name}(*args)`, "
                   f"which is blocking, without blocking the event loop (other tasks keep "
                   f"running meanwhile); if it has not finished after `seconds`, raise "
                   f"`TimeoutError`. Exceptions of `{f.name}` propagate; `seconds <= 0` "
                   f"raises `ValueError`. Call `{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "deadline", bad,
                        {"function": f.name, "new": new}, ("asyncio",), f"`{new}` deadline")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (GatherBounded(), Deadline())
