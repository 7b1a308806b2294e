import sys
import threading

import pytest
from hypothesis import given, settings, strategies as st

from solution import HitCounter


def hammer(counter, n_threads, per_thread, keys):
    barrier = threading.Barrier(n_threads)

    def work():
        barrier.wait()
        for i in range(per_thread):
            counter.hit(keys[i % len(keys)])

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work) for _ in range(n_threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)


def test_examples():
    c = HitCounter()
    assert c.count("x") == 0
    assert c.hit("a") == 1
    assert c.hit("a", 3) == 4
    assert c.hit("b", 4) == 4
    assert c.hit("c") == 1
    assert c.top(2) == [("a", 4), ("b", 4)]
    assert c.top(10) == [("a", 4), ("b", 4), ("c", 1)]


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2", None])
def test_bad_n_changes_nothing(bad):
    c = HitCounter()
    c.hit("a")
    with pytest.raises(ValueError):
        c.hit("a", bad)
    assert c.count("a") == 1


@pytest.mark.parametrize("round_", range(3))
def test_no_lost_hits(round_):
    c = HitCounter()
    hammer(c, 8, 4000, ["hot", "hot", "warm"])
    assert c.count("hot") + c.count("warm") == 8 * 4000


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from("abcd"), st.integers(1, 5)), max_size=40),
       st.integers(0, 5))
def test_matches_model(ops, k):
    c = HitCounter()
    model = {}
    for key, n in ops:
        model[key] = model.get(key, 0) + n
        assert c.hit(key, n) == model[key]
    for key in "abcde":
        assert c.count(key) == model.get(key, 0)
    assert c.top(k) == sorted(model.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
