def dedupe(items, key=None):
    """Items in their original order, keeping the first of each key."""
    result = []
    seen_keys = []
    for item in items:
        if key is None:
            k = item
        else:
            k = key(item)
        if k not in seen_keys:
            seen_keys.append(k)
            result.append(item)
    return result
