def dedupe(items, key=None):
    """Items in their original order, keeping the first of each key."""
    if key is None:
        key = lambda item: item
    return list({key(item): item for item in items}.values())
