import pytest
from hypothesis import given, settings, strategies as st

from solution import ConfigError, parse_config


def test_examples():
    text = "# comment\n\nname = demo\n  port=8080\nurl = a=b\nempty =\n   # indented comment\n"
    assert parse_config(text) == {"name": "demo", "port": 8080, "url": "a=b", "empty": ""}
    assert parse_config("") == {}
    assert parse_config("x = -3\ny = 1.5") == {"x": "-3", "y": "1.5"}


@pytest.mark.parametrize("text,line", [
    ("a = 1\nbroken\n", 2),
    ("= 1\n", 1),
    ("a = 1\n\n# c\na = 2\n", 4),
    ("a=1\nb=2\n  = x\n", 3),
])
def test_errors(text, line):
    with pytest.raises(ConfigError) as info:
        parse_config(text)
    assert info.value.line == line
    assert isinstance(info.value, ValueError)
    assert f"line {line}" in str(info.value)


keys = st.text("abcxyz_", min_size=1, max_size=4)
values = st.one_of(st.integers(0, 999).map(str), st.text("ab =#", max_size=4))


@settings(max_examples=150)
@given(st.dictionaries(keys, values, max_size=6), st.integers(0, 6))
def test_roundtrip_and_duplicate_line(mapping, dup_at):
    lines = [f"{k} = {v}" for k, v in mapping.items()]
    parsed = parse_config("\n".join(lines))
    expected = {k: int(v.strip()) if v.strip().isdigit() else v.strip() for k, v in mapping.items()}
    assert parsed == expected
    if mapping:
        first = next(iter(mapping))
        position = min(dup_at, len(lines))
        lines.insert(max(position, 1), f"{first}=again")
        with pytest.raises(ConfigError) as info:
            parse_config("\n".join(lines))
        assert info.value.line == max(position, 1) + 1
