import asyncio

import pytest
from hypothesis import given, settings, strategies as st

from solution import gather_limited


class Tracker:
    def __init__(self):
        self.active = 0
        self.peak = 0
        self.cancelled = []
        self.finished = []

    def job(self, name, delay, fail=False):
        async def run():
            self.active += 1
            self.peak = max(self.peak, self.active)
            try:
                await asyncio.sleep(delay)
                if fail:
                    raise RuntimeError(name)
                self.finished.append(name)
                return name
            except asyncio.CancelledError:
                self.cancelled.append(name)
                raise
            finally:
                self.active -= 1
        return run


def test_order_and_limit():
    t = Tracker()
    jobs = [t.job(i, 0.001 * (5 - i % 5)) for i in range(12)]
    assert asyncio.run(gather_limited(jobs, 3)) == list(range(12))
    assert t.peak == 3


def test_empty_and_invalid():
    assert asyncio.run(gather_limited([], 2)) == []
    with pytest.raises(ValueError):
        asyncio.run(gather_limited([], 0))


def test_failure_cancels_the_rest():
    t = Tracker()
    jobs = [t.job("slow1", 5), t.job("boom", 0.01, fail=True), t.job("slow2", 5),
            t.job("queued", 0.01)]

    async def main():
        with pytest.raises(RuntimeError, match="boom"):
            await gather_limited(jobs, 3)
        still_running = t.active
        await asyncio.sleep(0.05)
        return still_running

    assert asyncio.run(asyncio.wait_for(main(), 3)) == 0
    assert {"slow1", "slow2"} <= set(t.cancelled)
    assert t.active == 0
    assert "queued" not in t.finished


@settings(max_examples=25)
@given(st.lists(st.integers(0, 3), max_size=10), st.integers(1, 4))
def test_property(delays, limit):
    t = Tracker()
    jobs = [t.job(i, d / 1000) for i, d in enumerate(delays)]
    assert asyncio.run(gather_limited(jobs, limit)) == list(range(len(delays)))
    assert t.peak <= limit
    assert t.peak == min(limit, len(delays))
