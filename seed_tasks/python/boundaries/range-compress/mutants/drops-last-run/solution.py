def compress(nums):
    values = sorted(set(nums))
    parts = []
    start = 0
    for i in range(1, len(values)):
        if values[i] != values[i - 1] + 1:
            if i - start >= 3:
                parts.append(f"{values[start]}-{values[i - 1]}")
            else:
                parts.extend(str(v) for v in values[start:i])
            start = i
    return ",".join(parts)
