import pytest
from hypothesis import given, settings, strategies as st

from solution import retry


class Flaky:
    def __init__(self, failures, exc=ConnectionError):
        self.failures = list(failures) if not isinstance(failures, int) else [exc] * failures
        self.calls = 0
        self.raised = []

    def __call__(self):
        self.calls += 1
        if self.failures:
            e = self.failures.pop(0)("boom")
            self.raised.append(e)
            raise e
        return "ok"


def test_succeeds_after_failures():
    sleeps = []
    f = Flaky(2)
    assert retry(f, 3, (ConnectionError,), sleeps.append, 0.5) == "ok"
    assert f.calls == 3
    assert sleeps == [0.5, 1.0]


def test_gives_up_with_last_error():
    sleeps = []
    f = Flaky(5)
    with pytest.raises(ConnectionError) as info:
        retry(f, 3, (ConnectionError, TimeoutError), sleeps.append, 1)
    assert info.value is f.raised[-1]
    assert f.calls == 3
    assert sleeps == [1, 2]


def test_other_errors_propagate_at_once():
    sleeps = []
    f = Flaky([KeyError])
    with pytest.raises(KeyError):
        retry(f, 4, (ConnectionError,), sleeps.append)
    assert f.calls == 1 and sleeps == []


def test_single_attempt_and_invalid():
    f = Flaky(1)
    with pytest.raises(ConnectionError):
        retry(f, 1, (ConnectionError,), lambda d: None)
    assert f.calls == 1
    g = Flaky(0)
    with pytest.raises(ValueError):
        retry(g, 0, (ConnectionError,), lambda d: None)
    assert g.calls == 0


@settings(max_examples=150)
@given(st.integers(0, 6), st.integers(1, 6), st.sampled_from([0.1, 1, 3]))
def test_property(failures, attempts, base):
    sleeps = []
    f = Flaky(failures)
    if failures < attempts:
        assert retry(f, attempts, (ConnectionError,), sleeps.append, base) == "ok"
        assert f.calls == failures + 1
    else:
        with pytest.raises(ConnectionError) as info:
            retry(f, attempts, (ConnectionError,), sleeps.append, base)
        assert info.value is f.raised[-1]
        assert f.calls == attempts
    assert sleeps == [base * 2 ** i for i in range(f.calls - 1)]
