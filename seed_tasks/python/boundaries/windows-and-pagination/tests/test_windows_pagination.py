import math

import pytest
from hypothesis import given, settings, strategies as st

from solution import page_links, paginate, sliding_windows

# ------------------------------------------------------------------ sliding_windows


def test_windows_examples():
    assert sliding_windows([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4]]
    assert sliding_windows([1, 2, 3, 4, 5], 2, partial=True) == [[1, 2], [3, 4], [5]]
    assert sliding_windows("abcd", 3, step=1) == [["a", "b", "c"], ["b", "c", "d"]]
    assert sliding_windows("abcd", 3, step=1, partial=True) == [
        ["a", "b", "c"], ["b", "c", "d"], ["c", "d"], ["d"],
    ]
    assert sliding_windows([1, 2, 3, 4], 2) == [[1, 2], [3, 4]]
    assert sliding_windows([1, 2, 3, 4], 2, partial=True) == [[1, 2], [3, 4]]
    assert sliding_windows([1, 2, 3], 1) == [[1], [2], [3]]
    assert sliding_windows([1, 2, 3], 1, step=1) == [[1], [2], [3]]
    assert sliding_windows([1, 2, 3], 3) == [[1, 2, 3]]
    assert sliding_windows([1, 2, 3], 4) == []
    assert sliding_windows([1, 2, 3], 4, partial=True) == [[1, 2, 3]]
    assert sliding_windows([1, 2, 3, 4, 5, 6, 7], 2, step=3) == [[1, 2], [4, 5]]
    assert sliding_windows([1, 2, 3, 4, 5, 6, 7], 2, step=3, partial=True) == [[1, 2], [4, 5], [7]]
    assert sliding_windows(range(6), 3, step=2) == [[0, 1, 2], [2, 3, 4]]
    assert sliding_windows((x for x in range(5)), 2, step=1) == [[0, 1], [1, 2], [2, 3], [3, 4]]


def test_windows_empty_and_none():
    assert sliding_windows([], 3) == []
    assert sliding_windows([], 1, partial=True) == []
    assert sliding_windows(None, 2) == []
    assert sliding_windows(None, 2, step=1, partial=True) == []
    assert sliding_windows("", 1) == []


@pytest.mark.parametrize(
    "size, step",
    [(0, None), (-1, None), (None, None), (2, 0), (2, -1), (1, 0), (0, 1)],
)
def test_windows_bad_arguments(size, step):
    for seq in ([1, 2, 3], [], None):
        with pytest.raises(ValueError):
            sliding_windows(seq, size, step)


def test_windows_size_and_step_one_are_valid():
    assert sliding_windows([7], 1, step=1) == [[7]]
    assert sliding_windows([7, 8], 1, step=1, partial=True) == [[7], [8]]


seqs = st.lists(st.integers(0, 99), max_size=30)
sizes = st.integers(1, 8)
steps = st.one_of(st.none(), st.integers(1, 8))


@settings(max_examples=200, deadline=None)
@given(seqs, sizes, steps, st.booleans())
def test_windows_match_slices(items, size, step, partial):
    got = sliding_windows(items, size, step, partial)
    real_step = size if step is None else step
    n = len(items)
    expected = []
    k = 0
    while k * real_step < n:
        s = k * real_step
        if s + size <= n or partial:
            expected.append(items[s:s + size])
        k += 1
    assert got == expected
    assert all(type(w) is list for w in got)


@settings(max_examples=150, deadline=None)
@given(seqs, sizes, steps)
def test_window_counts(items, size, step):
    real_step = size if step is None else step
    n = len(items)
    full = sliding_windows(items, size, step)
    assert len(full) == (0 if n < size else (n - size) // real_step + 1)
    assert all(len(w) == size for w in full)
    with_partial = sliding_windows(items, size, step, partial=True)
    assert len(with_partial) == math.ceil(n / real_step)
    assert with_partial[: len(full)] == full
    if with_partial:
        assert with_partial[-1][-1] == items[-1] or (n - 1) % real_step >= size


@settings(max_examples=100, deadline=None)
@given(seqs, sizes)
def test_chunks_reassemble(items, size):
    chunks = sliding_windows(items, size, partial=True)
    assert [x for chunk in chunks for x in chunk] == items
    assert sliding_windows(tuple(items), size, partial=True) == chunks
    assert sliding_windows(iter(items), size, partial=True) == chunks


# ------------------------------------------------------------------ paginate


def test_paginate_examples():
    items = list(range(1, 26))
    first = paginate(items, 1)
    assert first == {
        "items": list(range(1, 11)), "page": 1, "pages": 3, "total": 25,
        "has_prev": False, "has_next": True, "first_index": 1, "last_index": 10,
    }
    last = paginate(items, 3)
    assert last == {
        "items": [21, 22, 23, 24, 25], "page": 3, "pages": 3, "total": 25,
        "has_prev": True, "has_next": False, "first_index": 21, "last_index": 25,
    }
    beyond = paginate(items, 4)
    assert beyond == {
        "items": [], "page": 4, "pages": 3, "total": 25,
        "has_prev": True, "has_next": False, "first_index": None, "last_index": None,
    }
    exact = paginate(list(range(20)), 2, 10)
    assert exact["items"] == list(range(10, 20))
    assert exact["pages"] == 2 and exact["has_next"] is False and exact["last_index"] == 20
    assert paginate(list("abc"), 3, per_page=1)["items"] == ["c"]
    assert paginate(list("abc"), 2, per_page=1)["has_next"] is True
    assert paginate(list("abc"), 3, per_page=1)["has_next"] is False
    assert paginate(list("abc"), None, per_page=2)["items"] == ["a", "b"]


def test_paginate_empty_and_none():
    expected = {
        "items": [], "page": 1, "pages": 1, "total": 0,
        "has_prev": False, "has_next": False, "first_index": None, "last_index": None,
    }
    assert paginate([], 1) == expected
    assert paginate(None, 1) == expected
    assert paginate(None, None, None) == expected
    assert paginate(None, 2, 5)["has_prev"] is True


@pytest.mark.parametrize("page, per_page", [(0, 10), (-1, 10), (1, 0), (1, -3), (0, None)])
def test_paginate_bad_arguments(page, per_page):
    with pytest.raises(ValueError):
        paginate([1, 2, 3], page, per_page)


def test_paginate_does_not_alias_input():
    items = [1, 2, 3]
    got = paginate(items, 1, 3)
    got["items"].append(4)
    assert items == [1, 2, 3]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(), max_size=40), st.integers(1, 12))
def test_pages_reassemble(items, per_page):
    first = paginate(items, 1, per_page)
    pages = first["pages"]
    assert pages == max(1, math.ceil(len(items) / per_page))
    collected = []
    for page in range(1, pages + 1):
        got = paginate(items, page, per_page)
        assert got["page"] == page and got["pages"] == pages and got["total"] == len(items)
        assert got["has_prev"] == (page > 1)
        assert got["has_next"] == (page < pages)
        if page < pages:
            assert len(got["items"]) == per_page
        else:
            assert 0 < len(got["items"]) <= per_page or not items
        if got["items"]:
            assert got["first_index"] == len(collected) + 1
            assert got["last_index"] == len(collected) + len(got["items"])
            assert items[got["first_index"] - 1] == got["items"][0]
            assert items[got["last_index"] - 1] == got["items"][-1]
        else:
            assert got["first_index"] is None and got["last_index"] is None
        collected.extend(got["items"])
    assert collected == items
    after = paginate(items, pages + 1, per_page)
    assert after["items"] == [] and after["has_next"] is False and after["has_prev"] is True


# ------------------------------------------------------------------ page_links


def test_page_links_examples():
    assert page_links(5, 10) == [3, 4, 5, 6, 7]
    assert page_links(1, 10) == [1, 2, 3]
    assert page_links(2, 10) == [1, 2, 3, 4]
    assert page_links(10, 10, 1) == [9, 10]
    assert page_links(9, 10, 1) == [8, 9, 10]
    assert page_links(4, 3, 0) == [3]
    assert page_links(0, 3, 0) == [1]
    assert page_links(None, 3, 0) == [1]
    assert page_links(1, 1) == [1]
    assert page_links(1, 0) == []
    assert page_links(1, -2) == []
    assert page_links(3, 5, None) == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError):
        page_links(1, 10, -1)
    with pytest.raises(ValueError):
        page_links(1, 0, -1)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.integers(-3, 25)), st.integers(-2, 20), st.one_of(st.none(), st.integers(0, 6)))
def test_page_links_model(current, total_pages, radius):
    got = page_links(current, total_pages, radius)
    r = 2 if radius is None else radius
    c = 1 if current is None else current
    c = min(max(c, 1), max(total_pages, 1))
    expected = [p for p in range(1, total_pages + 1) if c - r <= p <= c + r]
    assert got == expected
    if total_pages >= 1:
        assert c in got
        assert len(got) <= 2 * r + 1
