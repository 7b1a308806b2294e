def dedupe(items, key=None):
    """Items in their original order, keeping the first of each key."""
    seen = set()
    result = []
    for item in items:
        k = item if key is None else key(item)
        if k not in seen:
            seen.add(k)
            result.append(item)
    return result
