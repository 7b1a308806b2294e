import asyncio

import pytest
from hypothesis import given, settings, strategies as st

from solution import AsyncLoader


class Source:
    def __init__(self, fail_times=0, delay=0.01):
        self.calls = []
        self.fail_times = fail_times
        self.delay = delay

    async def __call__(self, key):
        self.calls.append(key)
        await asyncio.sleep(self.delay)
        if self.fail_times:
            self.fail_times -= 1
            raise LookupError(key)
        return f"v-{key}-{len(self.calls)}"


def test_dedup_and_cache():
    async def main():
        src = Source()
        loader = AsyncLoader(src)
        values = await asyncio.gather(*(loader.get("k") for _ in range(10)))
        assert values == ["v-k-1"] * 10
        assert await loader.get("k") == "v-k-1"
        loader.invalidate("k")
        loader.invalidate("never")
        assert await loader.get("k") == "v-k-2"
        assert src.calls == ["k", "k"]
    asyncio.run(main())


def test_failure_not_cached():
    async def main():
        src = Source(fail_times=1)
        loader = AsyncLoader(src)
        results = await asyncio.gather(loader.get("x"), loader.get("x"), return_exceptions=True)
        assert all(isinstance(r, LookupError) for r in results)
        assert await loader.get("x") == "v-x-2"
        assert src.calls == ["x", "x"]
    asyncio.run(main())


def test_cancelled_waiter_does_not_cancel_load():
    async def main():
        src = Source(delay=0.05)
        loader = AsyncLoader(src)
        first = asyncio.ensure_future(loader.get("k"))
        second = asyncio.ensure_future(loader.get("k"))
        await asyncio.sleep(0.01)
        first.cancel()
        assert await second == "v-k-1"
        with pytest.raises(asyncio.CancelledError):
            await first
        assert await loader.get("k") == "v-k-1"
        assert src.calls == ["k"]
    asyncio.run(asyncio.wait_for(main(), 5))


@settings(max_examples=30)
@given(st.lists(st.sampled_from("abc"), max_size=12))
def test_property(keys):
    async def main():
        src = Source(delay=0.001)
        loader = AsyncLoader(src)
        values = await asyncio.gather(*(loader.get(k) for k in keys))
        assert sorted(src.calls) == sorted(set(keys))
        for k, v in zip(keys, values):
            assert v.startswith(f"v-{k}-")
        assert len(set(values)) == len(set(keys))
    asyncio.run(main())
