def find_users(conn, prefix, limit=10):
    sql = f"SELECT name FROM users WHERE name LIKE '{prefix}%' ORDER BY name LIMIT {limit}"
    return [row[0] for row in conn.execute(sql)]
