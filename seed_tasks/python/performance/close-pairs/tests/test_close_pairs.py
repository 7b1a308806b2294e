import random

import pytest
from hypothesis import given, settings, strategies as st

from solution import close_pairs


def naive(nums, d):
    return sum(abs(nums[i] - nums[j]) <= d for i in range(len(nums))
               for j in range(i + 1, len(nums)))


def test_examples():
    assert close_pairs([], 3) == 0
    assert close_pairs([5], 0) == 0
    assert close_pairs([1, 1], 0) == 1
    assert close_pairs([1, 4, 7], 3) == 2
    assert close_pairs([7, 1, 4], 2) == 0
    assert close_pairs([1, 2, 3, 4], 10) == 6
    with pytest.raises(ValueError):
        close_pairs([1, 2], -1)


@settings(max_examples=200)
@given(st.lists(st.integers(-10, 10), max_size=25), st.integers(0, 6))
def test_matches_naive(nums, d):
    before = list(nums)
    assert close_pairs(nums, d) == naive(nums, d)
    assert nums == before


def test_large():
    n = 200_000
    rng = random.Random(11)
    nums = [rng.randrange(10 ** 6) for _ in range(n)]
    assert close_pairs(nums, 10 ** 6) == n * (n - 1) // 2
    spaced = list(range(0, 3 * n, 3))
    rng.shuffle(spaced)
    assert close_pairs(spaced, 3) == n - 1
    assert close_pairs(spaced, 2) == 0
