import pytest
from hypothesis import given, settings, strategies as st

from solution import paginate


def test_examples():
    items = list(range(7))
    assert paginate(items, 1, 3) == ([0, 1, 2], 3)
    assert paginate(items, 3, 3) == ([6], 3)
    assert paginate(items, 4, 3) == ([], 3)
    assert paginate(items, 1, 1) == ([0], 7)
    assert paginate(items, 7, 1) == ([6], 7)
    assert paginate([], 1, 5) == ([], 0)
    assert paginate(items, 1, 7) == (items, 1)


@pytest.mark.parametrize("page,per_page", [(0, 3), (-1, 3), (1, 0), (1, -2)])
def test_invalid(page, per_page):
    with pytest.raises(ValueError):
        paginate([1, 2, 3], page, per_page)


@settings(max_examples=200)
@given(st.lists(st.integers(), max_size=30), st.integers(1, 12))
def test_pages_cover_items_exactly_once(items, per_page):
    _, total = paginate(items, 1, per_page)
    pages = [paginate(items, p, per_page) for p in range(1, total + 2)]
    assert all(t == total for _, t in pages)
    assert pages[-1][0] == []
    assert [x for chunk, _ in pages for x in chunk] == items
    assert all(len(chunk) == per_page for chunk, _ in pages[:total - 1])
    assert all(chunk for chunk, _ in pages[:total])
