from hypothesis import given, settings, strategies as st

from solution import compress


def test_examples():
    assert compress([]) == ""
    assert compress([4]) == "4"
    assert compress([1, 2]) == "1,2"
    assert compress([1, 2, 3]) == "1-3"
    assert compress([1, 2, 3, 5, 7, 8]) == "1-3,5,7,8"
    assert compress([8, 7, 7, 1, 3, 2, 5]) == "1-3,5,7,8"
    assert compress([-3, -2, -1]) == "-3--1"
    assert compress([0, 1, 2, 3, 10, 11, 12]) == "0-3,10-12"


def expand(text):
    out = []
    for part in filter(None, text.split(",")):
        head, sep, tail = part[1:].partition("-")
        if sep:
            a, b = int(part[0] + head), int(tail)
            assert b - a >= 2
            out.extend(range(a, b + 1))
        else:
            out.append(int(part))
    return out


@settings(max_examples=200)
@given(st.lists(st.integers(-20, 20), max_size=25))
def test_roundtrip_and_minimal(nums):
    text = compress(nums)
    assert expand(text) == sorted(set(nums))
    for part in filter(None, text.split(",")):
        if "-" not in part[1:]:
            n = int(part)
            assert not (n - 1 in nums and n + 1 in nums)
