import asyncio


async def with_connection(pool, fn):
    conn = await pool.acquire()
    try:
        result = await fn(conn)
    except asyncio.CancelledError:
        pool.release(conn, broken=True)
        return None
    except Exception:
        pool.release(conn, broken=True)
        raise
    pool.release(conn, broken=False)
    return result
