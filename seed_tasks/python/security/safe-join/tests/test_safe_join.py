import posixpath

import pytest
from hypothesis import given, settings, strategies as st

from solution import UnsafePath, safe_join


@pytest.mark.parametrize("base,path,expected", [
    ("/srv/files", "a.txt", "/srv/files/a.txt"),
    ("/srv/files", "docs/../b.txt", "/srv/files/b.txt"),
    ("/srv/files", "./x//y/", "/srv/files/x/y"),
    ("/srv/files", "", "/srv/files"),
    ("/srv/files", "sub/..", "/srv/files"),
    ("/", "etc/passwd", "/etc/passwd"),
    ("/", "a/../../b", "/b"),
])
def test_ok(base, path, expected):
    assert safe_join(base, path) == expected


@pytest.mark.parametrize("base,path", [
    ("/srv/files", "../secret"),
    ("/srv/files", "a/../../secret"),
    ("/srv/files", "../files-old/x"),
    ("/srv/files", "/etc/passwd"),
    ("/srv/files", "ok\x00.txt"),
    ("/srv/files", ".."),
])
def test_rejected(base, path):
    with pytest.raises(UnsafePath):
        safe_join(base, path)
    assert issubclass(UnsafePath, ValueError)


parts = st.lists(st.sampled_from(["a", "b", "..", ".", "", "files-old", "files"]), max_size=6)


@settings(max_examples=200)
@given(st.sampled_from(["/srv/files", "/srv", "/"]), parts)
def test_property(base, segments):
    user_path = "/".join(segments)
    resolved = posixpath.normpath(posixpath.join(base, user_path))
    if resolved.startswith("//"):
        resolved = resolved[1:]
    inside = resolved == base or resolved.startswith(base.rstrip("/") + "/")
    if inside and not user_path.startswith("/"):
        assert safe_join(base, user_path) == resolved
    else:
        with pytest.raises(UnsafePath):
            safe_join(base, user_path)
