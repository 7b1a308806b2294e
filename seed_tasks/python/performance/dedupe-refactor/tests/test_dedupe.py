from hypothesis import given, settings, strategies as st

from solution import dedupe


def legacy(items, key=None):
    result, seen = [], []
    for item in items:
        k = item if key is None else key(item)
        if k not in seen:
            seen.append(k)
            result.append(item)
    return result


def test_examples():
    assert dedupe([]) == []
    assert dedupe([3, 1, 3, 2, 1]) == [3, 1, 2]
    assert dedupe(["a", "B", "b", "A"], key=str.lower) == ["a", "B"]
    assert dedupe([1, True, 1.0, 2]) == [1, 2]
    assert dedupe([(1, 2), (1, 3)], key=lambda t: t[0]) == [(1, 2)]


@settings(max_examples=200)
@given(st.lists(st.one_of(st.integers(-3, 3), st.text("ab", max_size=2)), max_size=30),
       st.booleans())
def test_same_as_legacy(items, use_key):
    key = (lambda x: str(x)[:1]) if use_key else None
    assert dedupe(items, key) == legacy(items, key)


def test_large_input_is_linear():
    n = 150_000
    items = list(range(n)) + list(range(n))
    assert dedupe(items) == list(range(n))
    assert dedupe(items, key=lambda x: -x) == list(range(n))
