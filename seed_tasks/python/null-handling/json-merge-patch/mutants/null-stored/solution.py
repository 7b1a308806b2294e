"""JSON Merge Patch (RFC 7396)."""


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return patch
    result = target.copy() if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None and key in result:
            result.pop(key, None)
            continue
        current = result.get(key, None)
        result[key] = merge_patch(current, value) if isinstance(value, dict) else value
    return result
