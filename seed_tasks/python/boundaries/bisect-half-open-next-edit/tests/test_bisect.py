import bisect

from hypothesis import given, settings, strategies as st

from solution import count_between, lower_bound, upper_bound


def test_examples():
    a = [1, 2, 2, 2, 5]
    assert lower_bound(a, 2) == 1
    assert upper_bound(a, 2) == 4
    assert upper_bound(a, 0) == 0
    assert upper_bound(a, 9) == 5
    assert lower_bound(a, 9) == 5
    assert count_between(a, 2, 5) == 4
    assert count_between(a, 3, 4) == 0
    assert count_between(a, 2, 2) == 3
    assert count_between(a, 5, 2) == 0
    assert count_between([], 0, 10) == 0
    words = ["a", "bb", "cc", "dddd"]
    assert upper_bound(words, 2, key=len) == 3
    assert lower_bound(words, 2, key=len) == 1
    assert count_between(words, 2, 4, key=len) == 3


sorted_lists = st.lists(st.integers(-10, 10), max_size=20).map(sorted)


@settings(max_examples=200)
@given(sorted_lists, st.integers(-12, 12), st.integers(-12, 12))
def test_matches_bisect(a, x, y):
    assert lower_bound(a, x) == bisect.bisect_left(a, x)
    assert upper_bound(a, x) == bisect.bisect_right(a, x)
    assert count_between(a, x, y) == sum(x <= v <= y for v in a)


@settings(max_examples=100)
@given(st.lists(st.text("ab", max_size=5), max_size=15), st.integers(0, 6), st.integers(0, 6))
def test_with_key(words, x, y):
    a = sorted(words, key=len)
    assert upper_bound(a, x, key=len) == bisect.bisect_right(a, x, key=len)
    assert lower_bound(a, x, key=len) == bisect.bisect_left(a, x, key=len)
    assert count_between(a, x, y, key=len) == sum(x <= len(v) <= y for v in a)
