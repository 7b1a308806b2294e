def find_users(conn, prefix, limit=10):
    if not isinstance(limit, int) or limit < 1 or limit > 100:
        raise ValueError("limit must be an int from 1 to 100")
    rows = conn.execute(
        "SELECT name FROM users WHERE name LIKE ? ORDER BY name LIMIT ?", (prefix + "%", limit))
    return [row[0] for row in rows]
