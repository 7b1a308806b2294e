import asyncio


async def gather_limited(factories, limit):
    if limit < 1:
        raise ValueError("limit must be >= 1")
    slot_lock = asyncio.Semaphore(limit)
    results = [None] * len(factories)

    async def run(index, factory):
        async with slot_lock:
            results[index] = await factory()

    tasks = [asyncio.ensure_future(run(i, f)) for i, f in enumerate(factories)]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    return results
