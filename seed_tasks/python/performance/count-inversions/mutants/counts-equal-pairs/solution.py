def _sort_count(values):
    if len(values) <= 1:
        return values, 0
    mid = len(values) // 2
    left, left_count = _sort_count(values[:mid])
    right, right_count = _sort_count(values[mid:])
    merged = []
    count = left_count + right_count
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] < right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
            count += len(left) - i
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged, count


def count_inversions(nums):
    return _sort_count(list(nums))[1]
