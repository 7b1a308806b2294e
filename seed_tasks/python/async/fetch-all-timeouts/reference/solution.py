import asyncio


async def fetch_all(fetchers, timeout, fallback=None):
    if timeout <= 0:
        raise ValueError("timeout must be > 0")

    async def one(fetch):
        try:
            return await asyncio.wait_for(fetch(), timeout)
        except asyncio.TimeoutError:
            return fallback

    names = list(fetchers)
    values = await asyncio.gather(*(one(fetchers[name]) for name in names))
    return dict(zip(names, values))
