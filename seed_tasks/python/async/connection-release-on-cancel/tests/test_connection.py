import asyncio

import pytest
from hypothesis import given, settings, strategies as st

from solution import with_connection


class Pool:
    def __init__(self):
        self.next_id = 0
        self.out = set()
        self.released = []

    async def acquire(self):
        await asyncio.sleep(0)
        self.next_id += 1
        self.out.add(self.next_id)
        return self.next_id

    def release(self, conn, broken):
        assert conn in self.out, "released twice or never acquired"
        self.out.remove(conn)
        self.released.append((conn, broken))


def test_success():
    pool = Pool()

    async def fn(conn):
        return conn * 10

    assert asyncio.run(with_connection(pool, fn)) == 10
    assert pool.released == [(1, False)] and not pool.out


def test_error():
    pool = Pool()

    async def fn(conn):
        raise ValueError("bad")

    with pytest.raises(ValueError, match="bad"):
        asyncio.run(with_connection(pool, fn))
    assert pool.released == [(1, True)] and not pool.out


def test_cancellation_releases_and_stays_cancelled():
    pool = Pool()

    async def fn(conn):
        await asyncio.sleep(10)

    async def main():
        task = asyncio.ensure_future(with_connection(pool, fn))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert task.cancelled()

    asyncio.run(main())
    assert pool.released == [(1, True)] and not pool.out


def test_timeout_releases():
    pool = Pool()

    async def fn(conn):
        await asyncio.sleep(10)

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(asyncio.wait_for(with_connection(pool, fn), 0.02))
    assert pool.released == [(1, True)] and not pool.out


@settings(max_examples=40)
@given(st.lists(st.sampled_from(["ok", "error", "cancel"]), max_size=8))
def test_property(outcomes):
    pool = Pool()

    async def main():
        tasks = []
        for outcome in outcomes:
            async def fn(conn, outcome=outcome):
                if outcome == "error":
                    raise KeyError(conn)
                await asyncio.sleep(10 if outcome == "cancel" else 0)
                return conn
            tasks.append(asyncio.ensure_future(with_connection(pool, fn)))
        await asyncio.sleep(0.01)
        for task, outcome in zip(tasks, outcomes):
            if outcome == "cancel":
                task.cancel()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        for task, outcome, result in zip(tasks, outcomes, results):
            if outcome == "cancel":
                assert task.cancelled()
            elif outcome == "error":
                assert isinstance(result, KeyError)
            else:
                assert isinstance(result, int)

    asyncio.run(main())
    assert not pool.out
    assert len(pool.released) == len(outcomes)
    assert sorted(b for _, b in pool.released) == sorted(o != "ok" for o in outcomes)
