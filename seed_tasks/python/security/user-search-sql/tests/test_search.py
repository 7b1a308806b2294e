import sqlite3

import pytest
from hypothesis import given, settings, strategies as st

from solution import find_users

NAMES = ["alice", "Alfred", "al_bundy", "al%pha", "bob", "o'brien", "back\\slash", "zed",
         "a_b", "axb"]


def db(names=NAMES):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (name TEXT)")
    conn.executemany("INSERT INTO users VALUES (?)", [(n,) for n in names])
    return conn


def expected(names, prefix, limit):
    return sorted(n for n in names if n.lower().startswith(prefix.lower()))[:limit]


def test_examples():
    conn = db()
    assert find_users(conn, "al") == ["Alfred", "al%pha", "al_bundy", "alice"]
    assert find_users(conn, "al_") == ["al_bundy"]
    assert find_users(conn, "al%") == ["al%pha"]
    assert find_users(conn, "a_") == ["a_b"]
    assert find_users(conn, "o'b") == ["o'brien"]
    assert find_users(conn, "back\\") == ["back\\slash"]
    assert find_users(conn, "", 2) == ["Alfred", "a_b"]


def test_injection_is_inert():
    conn = db()
    for payload in ["' OR '1'='1", "x'; DROP TABLE users; --", "%' --", "' UNION SELECT 'x"]:
        assert find_users(conn, payload) == []
    assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == len(NAMES)


@pytest.mark.parametrize("limit", [0, -1, 101, "5", 2.0, None])
def test_bad_limit(limit):
    with pytest.raises(ValueError):
        find_users(db(), "a", limit)


def test_limit_bounds():
    many = [f"user{i:03d}" for i in range(150)]
    conn = db(many)
    assert find_users(conn, "user", 100) == many[:100]
    assert find_users(conn, "user", 1) == many[:1]


@settings(max_examples=100)
@given(st.lists(st.text("aA_%'\\b", max_size=4), max_size=8), st.text("aA_%'\\b", max_size=3),
       st.integers(1, 5))
def test_property(names, prefix, limit):
    assert find_users(db(names), prefix, limit) == expected(names, prefix, limit)
