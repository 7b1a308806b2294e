import pytest
from hypothesis import given, settings, strategies as st

from solution import Inventory


def test_independent_instances():
    a, b = Inventory(), Inventory()
    a.add("x", 3)
    assert b.snapshot() == {}
    assert a.snapshot() == {"x": 3}


def test_caller_dict_not_shared():
    stock = {"x": 1}
    inv = Inventory(stock)
    inv.add("x", 1)
    stock["y"] = 9
    assert stock == {"x": 1, "y": 9}
    assert inv.snapshot() == {"x": 2}


def test_snapshot_is_a_copy():
    inv = Inventory({"x": 2})
    snap = inv.snapshot()
    snap["x"] = 100
    assert inv.snapshot() == {"x": 2}


def test_remove():
    inv = Inventory({"x": 2})
    inv.remove("x", 2)
    assert inv.snapshot() == {"x": 0}
    with pytest.raises(ValueError):
        inv.remove("x", 1)
    with pytest.raises(ValueError):
        inv.remove("nope", 1)
    assert inv.snapshot() == {"x": 0}


def test_log_changes_fresh_list_each_time():
    inv = Inventory()
    assert inv.log_changes({"a": 1}) == [("a", 1)]
    assert inv.log_changes({"b": -2}) == [("b", -2)]
    log = [("z", 0)]
    assert inv.log_changes({"c": 5}, log) is log
    assert log == [("z", 0), ("c", 5)]


@settings(max_examples=100)
@given(st.dictionaries(st.sampled_from("abc"), st.integers(0, 5)),
       st.lists(st.tuples(st.sampled_from("abc"), st.integers(-4, 4)), max_size=12))
def test_model(initial, ops):
    original = dict(initial)
    inv = Inventory(initial)
    model = dict(initial)
    for sku, n in ops:
        if n >= 0:
            inv.add(sku, n)
            model[sku] = model.get(sku, 0) + n
        elif model.get(sku, 0) >= -n:
            inv.remove(sku, -n)
            model[sku] -= -n
        else:
            with pytest.raises(ValueError):
                inv.remove(sku, -n)
    assert inv.snapshot() == model
    assert initial == original
