from collections import deque


def window_argmax(nums, k):
    if k < 1:
        raise ValueError("k must be >= 1")
    out = []
    candidates = deque()
    for i in range(len(nums)):
        while candidates and nums[candidates[-1]] <= nums[i]:
            candidates.pop()
        candidates.append(i)
        if candidates[0] <= i - k:
            candidates.popleft()
        if i >= k - 1:
            out.append(candidates[0])
    return out
