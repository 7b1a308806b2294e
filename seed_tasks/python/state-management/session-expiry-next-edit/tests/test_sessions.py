from hypothesis import given, settings, strategies as st

from solution import SessionStore


class Clock:
    def __init__(self):
        self.now = 0

    def __call__(self):
        return self.now


def test_expiry_boundary():
    clock = Clock()
    s = SessionStore(clock, 10)
    s.put("a", {"user": 1})
    clock.now = 9
    assert s.get("a") == {"user": 1}
    assert len(s) == 1
    clock.now = 10
    assert len(s) == 0
    assert s.get("a", "gone") == "gone"
    assert s.purge() == 0


def test_touch_pop_purge():
    clock = Clock()
    s = SessionStore(clock, 5)
    s.put("a", 1)
    s.put("b", 2)
    s.put("c", None)
    clock.now = 4
    assert s.touch("a") is True
    assert s.touch("zzz") is False
    clock.now = 5
    assert s.touch("b") is False
    assert s.get("a") == 1
    assert s.pop("b") is None
    assert s.purge() == 1
    assert len(s) == 1
    assert s.pop("a") == 1
    assert s.pop("a") is None
    assert len(s) == 0


@settings(max_examples=150)
@given(st.integers(1, 5), st.lists(st.tuples(
    st.sampled_from(["put", "get", "touch", "pop", "purge", "len", "tick"]),
    st.sampled_from("abc"), st.integers(0, 3)), max_size=30))
def test_model(ttl, ops):
    clock = Clock()
    s = SessionStore(clock, ttl)
    model = {}

    def live(sid):
        return sid in model and clock.now < model[sid][1]

    for op, sid, n in ops:
        if op in ("get", "touch", "pop") and sid in model and not live(sid):
            expected_gone = True
        else:
            expected_gone = False
        if op == "put":
            s.put(sid, n)
            model[sid] = (n, clock.now + ttl)
        elif op == "get":
            assert s.get(sid, "d") == (model[sid][0] if live(sid) else "d")
            if expected_gone:
                del model[sid]
        elif op == "touch":
            ok = live(sid)
            assert s.touch(sid) is ok
            if expected_gone:
                del model[sid]
            if ok:
                model[sid] = (model[sid][0], clock.now + ttl)
        elif op == "pop":
            assert s.pop(sid) == (model[sid][0] if live(sid) else None)
            model.pop(sid, None)
        elif op == "purge":
            dead = [k for k in model if not live(k)]
            assert s.purge() == len(dead)
            for k in dead:
                del model[k]
        elif op == "len":
            assert len(s) == sum(live(k) for k in model)
        else:
            clock.now += n
