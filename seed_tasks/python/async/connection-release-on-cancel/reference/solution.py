async def with_connection(pool, fn):
    conn = await pool.acquire()
    try:
        result = await fn(conn)
    except BaseException:
        pool.release(conn, broken=True)
        raise
    pool.release(conn, broken=False)
    return result
