import asyncio

import pytest
from hypothesis import given, settings, strategies as st

from solution import fetch_all


def make(state, name, delay, value=None, exc=None):
    async def fetch():
        state["active"] += 1
        state["peak"] = max(state["peak"], state["active"])
        try:
            await asyncio.sleep(delay)
            if exc:
                raise exc
            return value
        except asyncio.CancelledError:
            state["cancelled"].append(name)
            raise
        finally:
            state["active"] -= 1
    return fetch


def new_state():
    return {"active": 0, "peak": 0, "cancelled": []}


def test_concurrent_with_fallback():
    s = new_state()
    fetchers = {"a": make(s, "a", 0.05, 1), "b": make(s, "b", 10, 2), "c": make(s, "c", 0.01, 3)}
    result = asyncio.run(asyncio.wait_for(fetch_all(fetchers, 0.5, "late"), 5))
    assert result == {"a": 1, "b": "late", "c": 3}
    assert s["peak"] == 3
    assert s["cancelled"] == ["b"]


def test_real_errors_propagate():
    s = new_state()
    fetchers = {"a": make(s, "a", 0.01, 1), "b": make(s, "b", 0.01, exc=KeyError("x"))}
    with pytest.raises(KeyError):
        asyncio.run(fetch_all(fetchers, 1))


@pytest.mark.parametrize("timeout", [0, -1])
def test_bad_timeout(timeout):
    with pytest.raises(ValueError):
        asyncio.run(fetch_all({}, timeout))


@settings(max_examples=20)
@given(st.dictionaries(st.sampled_from("abcdef"), st.booleans(), max_size=6))
def test_property(slow):
    s = new_state()
    fetchers = {n: make(s, n, 10 if is_slow else 0.001, n.upper()) for n, is_slow in slow.items()}
    result = asyncio.run(asyncio.wait_for(fetch_all(fetchers, 0.2), 5))
    assert result == {n: None if is_slow else n.upper() for n, is_slow in slow.items()}
    assert sorted(s["cancelled"]) == sorted(n for n, is_slow in slow.items() if is_slow)
    assert s["peak"] == len(slow)
