"""Opening and closing groups of resources (legacy)."""


def open_all(factories):
    opened = []
    i = 0
    ok = True
    error = None
    while i < len(factories):
        try:
            opened.append(factories[i]())
        except BaseException as e:
            ok = False
            error = e
            break
        i = i + 1
    if ok == False:
        j = len(opened) - 1
        while j >= 0:
            try:
                opened[j].close()
            except Exception:
                pass
            j = j - 1
        raise error
    return opened


def close_all(resources):
    errors = []
    k = len(resources) - 1
    while k >= 0:
        try:
            resources[k].close()
        except Exception as e:
            errors.append(e)
        k = k - 1
    if len(errors) > 0:
        raise errors[0]
