import threading

import pytest
from hypothesis import given, settings, strategies as st

from solution import BoundedQueue, Empty, Full


def test_fifo_and_limits():
    q = BoundedQueue(2)
    q.put("a")
    q.put("b", timeout=0.01)
    assert q.qsize() == 2
    with pytest.raises(Full):
        q.put("c", timeout=0.05)
    assert q.get() == "a"
    assert q.get(timeout=0.01) == "b"
    with pytest.raises(Empty):
        q.get(timeout=0.05)
    assert q.qsize() == 0


def test_capacity_one():
    q = BoundedQueue(1)
    q.put(0)
    with pytest.raises(Full):
        q.put(1, timeout=0.02)
    assert q.get() == 0
    q.put(None)
    assert q.get() is None


@pytest.mark.parametrize("bad", [0, -3, 1.0, None])
def test_bad_capacity(bad):
    with pytest.raises(ValueError):
        BoundedQueue(bad)


def test_blocked_put_resumes_when_room_appears():
    q = BoundedQueue(1)
    q.put("first")
    done = threading.Event()

    def producer():
        q.put("second", timeout=10)
        done.set()

    t = threading.Thread(target=producer)
    t.start()
    assert not done.wait(0.05)
    assert q.get(timeout=10) == "first"
    assert q.get(timeout=10) == "second"
    t.join(10)
    assert done.is_set()


def test_many_producers_and_consumers():
    q = BoundedQueue(3)
    n_prod, per = 4, 400
    got, peak, errors = [], [0], []
    lock = threading.Lock()

    def producer(p):
        for i in range(per):
            q.put((p, i), timeout=20)
            peak[0] = max(peak[0], q.qsize())

    def consumer():
        try:
            for _ in range(per):
                item = q.get(timeout=20)
                with lock:
                    got.append(item)
        except Exception as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=producer, args=(p,)) for p in range(n_prod)]
    threads += [threading.Thread(target=consumer) for _ in range(n_prod)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert sorted(got) == sorted((p, i) for p in range(n_prod) for i in range(per))
    assert peak[0] <= 3


@settings(max_examples=60)
@given(st.integers(1, 5), st.lists(st.one_of(st.integers(), st.just("get")), max_size=30))
def test_sequential_model(capacity, ops):
    q = BoundedQueue(capacity)
    model = []
    for op in ops:
        if op == "get":
            if model:
                assert q.get(timeout=0) == model.pop(0)
            else:
                with pytest.raises(Empty):
                    q.get(timeout=0)
        elif len(model) < capacity:
            q.put(op, timeout=0)
            model.append(op)
        else:
            with pytest.raises(Full):
                q.put(op, timeout=0)
        assert q.qsize() == len(model)
