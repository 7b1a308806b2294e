import asyncio


class AsyncLoader:
    def __init__(self, load):
        self._load = load
        self._cache = {}
        self._inflight = {}

    async def get(self, key):
        if key in self._cache:
            return self._cache[key]
        future = self._inflight.get(key, None)
        if future is None:
            future = asyncio.ensure_future(self._fetch(key))
            self._inflight[key] = future
        return await asyncio.shield(future)

    async def _fetch(self, key):
        try:
            value = await self._load(key)
            self._cache[key] = value
            return value
        finally:
            del self._inflight[key]

    def invalidate(self, key):
        self._cache.pop(key, None)
