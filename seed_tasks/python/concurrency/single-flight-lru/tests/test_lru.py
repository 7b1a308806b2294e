import sys
import threading
import time

import pytest
from hypothesis import given, settings, strategies as st

from solution import LRUCache


def run_threads(n, work):
    barrier = threading.Barrier(n)
    errors = []

    def wrapper(i):
        try:
            barrier.wait()
            work(i)
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=wrapper, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors


def test_eviction_order():
    c = LRUCache(2)
    assert c.get_or_compute("a", lambda: 1) == 1
    assert c.get_or_compute("b", lambda: 2) == 2
    assert c.get_or_compute("a", lambda: 99) == 1
    assert c.keys() == ["b", "a"]
    assert c.get_or_compute("c", lambda: 3) == 3
    assert c.keys() == ["a", "c"]
    assert c.stats() == (1, 3)


def test_capacity_one_and_errors():
    c = LRUCache(1)
    c.get_or_compute("x", lambda: None)
    assert c.get_or_compute("x", lambda: 5) is None
    with pytest.raises(KeyError):
        c.get_or_compute("y", lambda: {}["missing"])
    assert c.keys() == ["x"]
    assert c.stats() == (1, 1)
    for bad in (0, -1, 2.0):
        with pytest.raises(ValueError):
            LRUCache(bad)


def test_factory_runs_once_per_key_concurrently():
    c = LRUCache(100)
    calls = []

    def factory():
        calls.append(1)
        time.sleep(0.002)
        return "v"

    run_threads(8, lambda i: [c.get_or_compute(k, factory) for k in range(20)])
    assert len(calls) == 20
    assert c.stats() == (8 * 20 - 20, 20)


def test_exact_stats_under_contention():
    c = LRUCache(4)
    run_threads(8, lambda i: [c.get_or_compute(j % 3, lambda: 0) for j in range(3000)])
    hits, misses = c.stats()
    assert misses == 3
    assert hits + misses == 8 * 3000


@settings(max_examples=80)
@given(st.integers(1, 4), st.lists(st.integers(0, 6), max_size=40))
def test_matches_model(capacity, keys):
    c = LRUCache(capacity)
    order, hits, misses = [], 0, 0
    for k in keys:
        value = c.get_or_compute(k, lambda k=k: k * 10)
        assert value == k * 10
        if k in order:
            order.remove(k)
            hits += 1
        else:
            misses += 1
        order.append(k)
        order = order[-capacity:]
        assert c.keys() == order
    assert c.stats() == (hits, misses)
