class BatchError(Exception):
    def __init__(self, index, message):
        super().__init__(f"op {index}: {message}")
        self.index = index


def _apply(store, op):
    name = op[0]
    if name == "set":
        store[op[1]] = op[2]
    elif name == "delete":
        del store[op[1]]
    elif name == "incr":
        if not isinstance(store[op[1]], int):
            raise TypeError(f"{op[1]!r} is not an int")
        store[op[1]] += op[2]
    else:
        raise ValueError(f"unknown op {name!r}")


def apply_batch(store, ops):
    backup = store.copy()
    for index, op in enumerate(ops):
        try:
            _apply(store, op)
        except (KeyError, TypeError, ValueError) as exc:
            for key, value in backup.items():
                store[key] = value
            raise BatchError(index, str(exc)) from exc
    return len(ops)
