import re

import pytest
from hypothesis import given, settings, strategies as st

from solution import violations


@pytest.mark.parametrize("name,expected", [
    ("alice", []),
    ("a.b_c9", []),
    ("ab", ["length"]),
    ("abc", []),
    ("a" * 20, []),
    ("a" * 21, ["length"]),
    ("", ["length", "start"]),
    ("Alice", ["charset", "start"]),
    ("9lives", ["start"]),
    ("bob_", ["end"]),
    ("bo..b", ["consecutive"]),
    ("b_.", ["end", "consecutive"]),
    ("admin", ["reserved"]),
    ("Admin", ["charset", "start", "reserved"]),
    ("ROOT", ["charset", "start", "reserved"]),
    ("_xy", ["start"]),
    ("a b", ["charset"]),
])
def test_examples(name, expected):
    assert violations(name) == expected


def oracle(name):
    out = []
    if not 3 <= len(name) <= 20:
        out.append("length")
    if not re.fullmatch(r"[a-z0-9_.]*", name):
        out.append("charset")
    if not re.match(r"[a-z]", name):
        out.append("start")
    if re.search(r"[_.]\Z", name):
        out.append("end")
    if re.search(r"[_.]{2}", name):
        out.append("consecutive")
    if name.lower() in ("admin", "root", "support", "system"):
        out.append("reserved")
    return out


@settings(max_examples=300)
@given(st.one_of(st.text(st.sampled_from("abzAZ09_. -"), max_size=24),
                 st.sampled_from(["admin", "Root", "SUPPORT", "sYstem"])))
def test_oracle(name):
    assert violations(name) == oracle(name)
