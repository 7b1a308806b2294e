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
    for resource in reversed(resources):
        resource.close()
