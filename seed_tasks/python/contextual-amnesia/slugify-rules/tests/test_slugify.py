import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from solution import slugify


@pytest.mark.parametrize("title,max_length,expected", [
    ("Hello, World!", 50, "hello-world"),
    ("Crème Brûlée", 50, "creme-brulee"),
    ("  --Already--slugged--  ", 50, "already-slugged"),
    ("New!", 50, "new-page"),
    ("ADMIN", 50, "admin-page"),
    ("admin tools", 50, "admin-tools"),
    ("!!!", 50, "untitled"),
    ("", 50, "untitled"),
    ("abcd efgh ijkl", 9, "abcd-efgh"),
    ("abcd efgh ijkl", 8, "abcd"),
    ("abcdefghijkl mn", 8, "abcdefgh"),
    ("abc defg", 8, "abc-defg"),
    ("a" * 60, 50, "a" * 50),
])
def test_examples(title, max_length, expected):
    assert slugify(title, max_length) == expected


@pytest.mark.parametrize("bad", [7, 0, -1])
def test_bad_length(bad):
    with pytest.raises(ValueError):
        slugify("x", bad)


@settings(max_examples=200)
@given(st.text(st.sampled_from("abAB z9-_!éÜ"), max_size=40), st.integers(8, 20))
def test_invariants(title, max_length):
    slug = slugify(title, max_length)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    folded = "".join(c for c in unicodedata.normalize("NFKD", title)
                     if not unicodedata.combining(c)).lower()
    words = [w for w in re.split(r"[^a-z0-9]+", folded) if w]
    if not words:
        assert slug == "untitled"
        return
    base = slug[:-5] if slug.endswith("-page") and slug[:-5] in {"admin", "api", "login", "new"} \
        else slug
    assert base not in {"admin", "api", "login", "new"} or slug == base + "-page"
    assert len(base) <= max_length
    parts = base.split("-")
    if len(words[0]) > max_length:
        assert parts == [words[0][:max_length]]
    else:
        assert parts == words[:len(parts)]
        if len(parts) < len(words):
            assert len(base) + 1 + len(words[len(parts)]) > max_length
