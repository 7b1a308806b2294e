import posixpath


class UnsafePath(ValueError):
    pass


def safe_join(base, user_path):
    if "\x00" in user_path:
        raise UnsafePath("NUL byte in path")
    if user_path.startswith("/"):
        raise UnsafePath("absolute path")
    joined = posixpath.normpath(posixpath.join(base, user_path))
    if joined.startswith("//"):
        joined = joined[1:]
    inside = base.rstrip("/") + "/"
    if joined != base and not joined.startswith(inside):
        raise UnsafePath(f"{user_path!r} escapes {base!r}")
    return joined
