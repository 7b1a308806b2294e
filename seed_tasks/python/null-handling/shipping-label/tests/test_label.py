from hypothesis import given, settings, strategies as st

from solution import Address, User, shipping_label


def test_examples():
    assert shipping_label(None) == "UNKNOWN"
    assert shipping_label(User("Ann", None)) == "Ann (no address)"
    assert shipping_label(User("Ann", None, "")) == " (no address)"
    assert shipping_label(User("Ann", Address("Oslo", "0150"), "annie")) == "annie, 0150 Oslo"
    assert shipping_label(User("Bo", Address(None, None))) == "Bo, 00000 ?"
    assert shipping_label(User("Bo", Address("", ""))) == "Bo,  "


opt = st.one_of(st.none(), st.text(max_size=5))


@settings(max_examples=150)
@given(st.text(max_size=5), opt, st.one_of(st.none(), st.tuples(opt, opt)))
def test_property(name, nickname, addr):
    address = None if addr is None else Address(*addr)
    label = shipping_label(User(name, address, nickname))
    shown = name if nickname is None else nickname
    if address is None:
        assert label == f"{shown} (no address)"
    else:
        z = "00000" if address.zip is None else address.zip
        c = "?" if address.city is None else address.city
        assert label == f"{shown}, {z} {c}"
