import asyncio


async def gather_limited(factories, limit):
    raise NotImplementedError
