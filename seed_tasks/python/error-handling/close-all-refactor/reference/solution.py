"""Opening and closing groups of resources."""


def open_all(factories):
    opened = []
    try:
        for factory in factories:
            opened.append(factory())
    except BaseException:
        for resource in reversed(opened):
            try:
                resource.close()
            except Exception:
                pass
        raise
    return opened


def close_all(resources):
    first_error = None
    for resource in reversed(resources):
        try:
            resource.close()
        except Exception as exc:
            if first_error is None:
                first_error = exc
    if first_error is not None:
        raise first_error
