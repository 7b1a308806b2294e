import pytest
from hypothesis import given, settings as hsettings, strategies as st

from solution import SettingsError, load_settings


def test_examples():
    text = "# header\nname: 'demo'\n\n  retries: 3\nratio: -0.5\nhosts: ['a', 'b']\n" \
           "opts: {'x': (1, 2), 'y': None}\nurl: 'http://h:80/p'\nflag: True\n"
    assert load_settings(text) == {
        "name": "demo", "retries": 3, "ratio": -0.5, "hosts": ["a", "b"],
        "opts": {"x": (1, 2), "y": None}, "url": "http://h:80/p", "flag": True,
    }


@pytest.mark.parametrize("text,line", [
    ("a: 1\nno colon here\n", 2),
    ("a: __import__('os').getpid()\n", 1),
    ("a: 1\nb: [x for x in range(3)]\n", 2),
    ("a: 1\n# c\nb: (lambda: 1)()\n", 3),
    ("a: open('/etc/passwd').read()\n", 1),
    ("a: 'unterminated\n", 1),
    ("a: 2 ** 10\n", 1),
    ("a: len('abc')\n", 1),
])
def test_rejected(text, line):
    with pytest.raises(SettingsError) as info:
        load_settings(text)
    assert str(info.value).startswith(f"line {line}:")
    assert isinstance(info.value, ValueError)


def test_nothing_executes():
    import builtins
    marker = "_codecanary_settings_pwned"
    with pytest.raises(SettingsError):
        load_settings(f"x: setattr(__import__('builtins'), '{marker}', 1)\n")
    assert not hasattr(builtins, marker)


literals = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)


@hsettings(max_examples=100)
@given(st.dictionaries(st.text("abcxyz_", min_size=1, max_size=5), literals, max_size=5))
def test_roundtrip(mapping):
    text = "\n".join(f"{k}: {v!r}" for k, v in mapping.items())
    assert load_settings(text) == mapping
