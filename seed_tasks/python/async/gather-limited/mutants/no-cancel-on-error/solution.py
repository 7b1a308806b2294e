import asyncio


async def gather_limited(factories, limit):
    if limit < 1:
        raise ValueError("limit must be >= 1")
    slot_lock = asyncio.Semaphore(limit)
    results = [None] * len(factories)

    async def run(index, factory):
        async with slot_lock:
            results[index] = await factory()

    await asyncio.gather(*(run(i, f) for i, f in enumerate(factories)))
    return results
