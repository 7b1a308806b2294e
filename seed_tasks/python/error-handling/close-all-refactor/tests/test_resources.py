import pytest
from hypothesis import given, settings, strategies as st

from solution import close_all, open_all


class Res:
    def __init__(self, log, name, fail_close=False):
        self.log, self.name, self.fail_close = log, name, fail_close

    def close(self):
        self.log.append(self.name)
        if self.fail_close:
            raise OSError(f"close {self.name}")


def factory(log, name, fail_open=False, fail_close=False, exc=RuntimeError):
    def make():
        if fail_open:
            raise exc(f"open {name}")
        return Res(log, name, fail_close)
    return make


def test_open_all_success():
    log = []
    res = open_all([factory(log, "a"), factory(log, "b")])
    assert [r.name for r in res] == ["a", "b"]
    assert log == []
    assert open_all([]) == []


def test_open_failure_closes_opened_in_reverse_even_if_close_fails():
    log = []
    fs = [factory(log, "a"), factory(log, "b", fail_close=True), factory(log, "c"),
          factory(log, "d", fail_open=True), factory(log, "e")]
    with pytest.raises(RuntimeError, match="open d"):
        open_all(fs)
    assert log == ["c", "b", "a"]


def test_open_failure_with_base_exception():
    log = []
    with pytest.raises(KeyboardInterrupt):
        open_all([factory(log, "a"), factory(log, "b", fail_open=True, exc=KeyboardInterrupt)])
    assert log == ["a"]


def test_close_all_closes_everything_and_raises_first_failure():
    log = []
    rs = [Res(log, "a", True), Res(log, "b"), Res(log, "c", True), Res(log, "d")]
    with pytest.raises(OSError, match="close c"):
        close_all(rs)
    assert log == ["d", "c", "b", "a"]
    assert close_all([Res(log, "z")]) is None


@settings(max_examples=150)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=6))
def test_property(spec):
    log = []
    fs = [factory(log, str(i), fo, fc) for i, (fo, fc) in enumerate(spec)]
    first_open_fail = next((i for i, (fo, _) in enumerate(spec) if fo), None)
    if first_open_fail is None:
        res = open_all(fs)
        assert log == []
        failing = [r.name for r in reversed(res) if r.fail_close]
        if failing:
            with pytest.raises(OSError) as info:
                close_all(res)
            assert str(info.value) == f"close {failing[0]}"
        else:
            assert close_all(res) is None
        assert log == [str(i) for i in reversed(range(len(spec)))]
    else:
        with pytest.raises(RuntimeError) as info:
            open_all(fs)
        assert str(info.value) == f"open {first_open_fail}"
        assert log == [str(i) for i in reversed(range(first_open_fail))]
