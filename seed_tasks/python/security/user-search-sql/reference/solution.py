def find_users(conn, prefix, limit=10):
    if not isinstance(limit, int) or limit < 1 or limit > 100:
        raise ValueError("limit must be an int from 1 to 100")
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = conn.execute(
        "SELECT name FROM users WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?",
        (escaped + "%", limit),
    )
    return [row[0] for row in rows]
