import pytest
from hypothesis import given, settings, strategies as st

from solution import format_duration


@pytest.mark.parametrize("seconds,max_units,expected", [
    (0, 2, "0s"), (1, 2, "1s"), (59, 2, "59s"), (60, 2, "1m"), (3725, 2, "1h 2m"),
    (3605, 2, "1h 5s"), (7199, 2, "1h 59m"), (86400, 2, "1d"), (90061, 2, "1d 1h"),
    (90061, 4, "1d 1h 1m 1s"), (90061, 1, "1d"), (3600 * 49, 3, "2d 1h"), (0, 1, "0s"),
])
def test_examples(seconds, max_units, expected):
    assert format_duration(seconds, max_units) == expected


@pytest.mark.parametrize("bad", [True, False, 1.0, "5", None])
def test_type(bad):
    with pytest.raises(TypeError):
        format_duration(bad)


@pytest.mark.parametrize("seconds,max_units", [(-1, 2), (5, 0), (5, -3)])
def test_value(seconds, max_units):
    with pytest.raises(ValueError):
        format_duration(seconds, max_units)


def parse(text):
    size = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    return [(int(p[:-1]), p[-1]) for p in text.split(" ")], size


@settings(max_examples=300)
@given(st.integers(0, 10 ** 7), st.integers(1, 4))
def test_property(seconds, max_units):
    text = format_duration(seconds, max_units)
    parts, size = parse(text)
    assert 1 <= len(parts) <= max_units
    units = [u for _, u in parts]
    assert units == sorted(units, key=lambda u: -size[u])
    total = sum(c * size[u] for c, u in parts)
    assert total <= seconds
    assert seconds - total < size[units[-1]] or len(parts) == max_units
    if seconds:
        assert all(c > 0 for c, _ in parts)
        assert parts[0][1] == next(u for u in "dhms" if seconds >= size[u])
        assert all(0 < c < {"d": 10 ** 9, "h": 24, "m": 60, "s": 60}[u] for c, u in parts)
