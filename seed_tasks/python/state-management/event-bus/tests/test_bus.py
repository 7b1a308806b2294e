from hypothesis import given, settings, strategies as st

from solution import EventBus


def test_basic():
    bus, got = EventBus(), []
    off = bus.subscribe("t", got.append)
    bus.subscribe("t", lambda p: got.append(p * 2))
    assert bus.emit("t", 1) == 2
    assert got == [1, 2]
    off()
    off()
    assert bus.emit("t", 5) == 1
    assert got == [1, 2, 10]
    assert bus.emit("nobody", 1) == 0
    assert bus.count("t") == 1 and bus.count("nobody") == 0


def test_once_and_duplicates():
    bus, got = EventBus(), []
    bus.subscribe("t", got.append, once=True)
    bus.subscribe("t", got.append)
    assert bus.count("t") == 2
    assert bus.emit("t", "a") == 2
    assert bus.emit("t", "b") == 1
    assert got == ["a", "a", "b"]


def test_subscribe_during_emit_waits_for_next_emit():
    bus, got = EventBus(), []

    def spawner(p):
        got.append(("spawner", p))
        bus.subscribe("t", lambda q: got.append(("child", q)))

    bus.subscribe("t", spawner, once=True)
    assert bus.emit("t", 1) == 1
    assert got == [("spawner", 1)]
    assert bus.emit("t", 2) == 1
    assert got == [("spawner", 1), ("child", 2)]


def test_unsubscribe_during_emit_still_called_this_time():
    bus, got = EventBus(), []
    offs = {}
    offs["first"] = bus.subscribe("t", lambda p: (got.append("first"), offs["second"]()))
    offs["second"] = bus.subscribe("t", lambda p: got.append("second"))
    assert bus.emit("t", None) == 2
    assert got == ["first", "second"]
    assert bus.emit("t", None) == 1


@settings(max_examples=100)
@given(st.lists(st.tuples(st.sampled_from(["sub", "once", "unsub", "emit"]), st.integers(0, 3)),
                max_size=25))
def test_model(ops):
    bus, calls = EventBus(), []
    model, offs = [], []
    for op, n in ops:
        if op in ("sub", "once"):
            token = len(offs)
            offs.append(bus.subscribe("t", lambda p, token=token: calls.append(token),
                                      once=op == "once"))
            model.append((token, op == "once"))
        elif op == "unsub" and offs:
            token = n % len(offs)
            offs[token]()
            model = [m for m in model if m[0] != token]
        elif op == "emit":
            calls.clear()
            assert bus.emit("t", n) == len(model)
            assert calls == [t for t, _ in model]
            model = [m for m in model if not m[1]]
        assert bus.count("t") == len(model)
