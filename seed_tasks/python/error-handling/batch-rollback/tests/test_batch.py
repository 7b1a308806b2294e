import pytest
from hypothesis import given, settings, strategies as st

from solution import BatchError, apply_batch


def test_success():
    store = {"a": 1}
    assert apply_batch(store, [("set", "b", 2), ("incr", "a", 5), ("delete", "b")]) == 3
    assert store == {"a": 6}


@pytest.mark.parametrize("ops,index,cause", [
    ([("set", "new", 1), ("delete", "zzz")], 1, KeyError),
    ([("incr", "a", 1), ("incr", "s", 1)], 1, TypeError),
    ([("delete", "a"), ("set", "q", 0), ("frobnicate", "a")], 2, ValueError),
    ([("incr", "missing", 1)], 0, KeyError),
])
def test_failure_restores_everything(ops, index, cause):
    store = {"a": 1, "s": "text"}
    alias = store
    with pytest.raises(BatchError) as info:
        apply_batch(store, ops)
    assert info.value.index == index
    assert isinstance(info.value.__cause__, cause)
    assert store is alias
    assert store == {"a": 1, "s": "text"}


op = st.one_of(
    st.tuples(st.just("set"), st.sampled_from("abc"), st.one_of(st.integers(0, 9), st.just("x"))),
    st.tuples(st.just("delete"), st.sampled_from("abc")),
    st.tuples(st.just("incr"), st.sampled_from("abc"), st.integers(-3, 3)),
)


def model(store, ops):
    work = dict(store)
    for i, o in enumerate(ops):
        if o[0] == "set":
            work[o[1]] = o[2]
        elif o[1] not in work:
            return i, None
        elif o[0] == "delete":
            del work[o[1]]
        elif not isinstance(work[o[1]], int):
            return i, None
        else:
            work[o[1]] += o[2]
    return None, work


@settings(max_examples=200)
@given(st.dictionaries(st.sampled_from("abc"), st.one_of(st.integers(0, 9), st.just("x"))),
       st.lists(op, max_size=8))
def test_all_or_nothing(store, ops):
    before = dict(store)
    failing, after = model(store, ops)
    if failing is None:
        assert apply_batch(store, ops) == len(ops)
        assert store == after
    else:
        with pytest.raises(BatchError) as info:
            apply_batch(store, ops)
        assert info.value.index == failing
        assert store == before
