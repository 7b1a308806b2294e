UNITS = (("d", 86400), ("h", 3600), ("m", 60), ("s", 1))


def format_duration(seconds, max_units=2):
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise TypeError("seconds must be an int")
    if seconds < 0:
        raise ValueError("seconds must not be negative")
    if max_units < 1:
        raise ValueError("max_units must be at least 1")
    parts = []
    rest = seconds
    for name, size in UNITS:
        count, rest = divmod(rest, size)
        if count > 0:
            parts.append(f"{count}{name}")
    return " ".join(parts[:max_units]) or "0s"
