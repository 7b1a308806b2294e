def close_pairs(nums, d):
    if d < 0:
        raise ValueError("d must not be negative")
    values = sorted(nums)
    count = 0
    left = 0
    for right in range(len(values)):
        while values[right] - values[left] > d:
            left += 1
        count += right - left
    return count
