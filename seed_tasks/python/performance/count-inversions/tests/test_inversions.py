import random

from hypothesis import given, settings, strategies as st

from solution import count_inversions


def naive(nums):
    return sum(nums[i] > nums[j] for i in range(len(nums)) for j in range(i + 1, len(nums)))


def test_examples():
    assert count_inversions([]) == 0
    assert count_inversions([1]) == 0
    assert count_inversions([2, 1]) == 1
    assert count_inversions([1, 1, 1]) == 0
    assert count_inversions([3, 1, 2]) == 2
    assert count_inversions([5, 4, 3, 2, 1]) == 10
    assert count_inversions([2, 2, 1, 1]) == 4


@settings(max_examples=200)
@given(st.lists(st.integers(-5, 5), max_size=30))
def test_matches_naive(nums):
    before = list(nums)
    assert count_inversions(nums) == naive(nums)
    assert nums == before


def test_large_inputs():
    n = 200_000
    assert count_inversions(list(range(n, 0, -1))) == n * (n - 1) // 2
    rng = random.Random(3)
    nums = [rng.randrange(50) for _ in range(n)]
    counts = [0] * 50
    expected = 0
    for x in reversed(nums):
        expected += sum(counts[:x])
        counts[x] += 1
    assert count_inversions(nums) == expected
