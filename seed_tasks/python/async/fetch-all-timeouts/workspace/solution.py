import asyncio


async def fetch_all(fetchers, timeout, fallback=None):
    results = {}
    for name, fetch in fetchers.items():
        try:
            results[name] = await asyncio.wait_for(fetch(), timeout)
        except Exception:
            results[name] = fallback
    return results
