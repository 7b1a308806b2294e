import random

import pytest
from hypothesis import given, settings, strategies as st

from solution import window_argmax


def naive(nums, k):
    out = []
    for i in range(len(nums) - k + 1):
        window = nums[i:i + k]
        out.append(i + window.index(max(window)))
    return out


def test_examples():
    assert window_argmax([1, 3, 2, 3, 1], 2) == [1, 1, 3, 3]
    assert window_argmax([1, 3, 2, 3, 1], 3) == [1, 1, 3]
    assert window_argmax([5], 1) == [0]
    assert window_argmax([2, 2, 2], 3) == [0]
    assert window_argmax([1, 2], 3) == []
    assert window_argmax([], 1) == []
    assert window_argmax([4, 1, 1, 1], 3) == [0, 1]


@pytest.mark.parametrize("k", [0, -2])
def test_bad_k(k):
    with pytest.raises(ValueError):
        window_argmax([1, 2, 3], k)


@settings(max_examples=200)
@given(st.lists(st.integers(0, 5), max_size=25), st.integers(1, 8))
def test_matches_naive(nums, k):
    assert window_argmax(nums, k) == naive(nums, k)


def test_large_input_is_linear():
    rng = random.Random(7)
    n = 300_000
    nums = [rng.randrange(1000) for _ in range(n)]
    nums.sort()
    k = n // 2
    result = window_argmax(nums, k)
    assert len(result) == n - k + 1
    assert result[0] == nums.index(nums[k - 1])
    assert result[-1] == nums.index(nums[-1])
