import sys
import threading
from http import HTTPStatus

from hypothesis import given, settings, strategies as st

from solution import Stats


def run_threads(*targets):
    barrier = threading.Barrier(len(targets))
    errors = []

    def wrap(fn):
        def inner():
            try:
                barrier.wait()
                fn()
            except BaseException as exc:  # pragma: no cover
                errors.append(exc)
        return inner

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=wrap(fn)) for fn in targets]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors


def consistent(snap):
    return snap["requests"] == sum(snap["by_status"].values()) and snap["errors"] == sum(
        n for s, n in snap["by_status"].items() if s >= 500)


def test_example():
    s = Stats()
    s.record(200)
    s.record(500)
    s.record(499)
    other = Stats()
    other.record(503)
    other.record(200)
    s.merge(other)
    expected = {"requests": 5, "errors": 2, "by_status": {200: 2, 500: 1, 499: 1, 503: 1}}
    assert s.snapshot() == expected
    snap = s.snapshot()
    snap["by_status"][200] = 99
    assert s.reset() == expected
    assert s.snapshot() == {"requests": 0, "errors": 0, "by_status": {}}
    assert other.snapshot() == {"requests": 2, "errors": 1, "by_status": {503: 1, 200: 1}}


@settings(max_examples=50)
@given(st.lists(st.sampled_from([200, 404, 499, 500, 503]), max_size=30))
def test_sequential(statuses):
    s = Stats()
    for status in statuses:
        s.record(status)
    by_status = {}
    for status in statuses:
        by_status[status] = by_status.get(status, 0) + 1
    expected = {"requests": len(statuses), "errors": sum(x >= 500 for x in statuses),
                "by_status": by_status}
    assert s.snapshot() == expected
    assert s.reset() == expected


def test_concurrent_records_not_lost():
    s = Stats()
    codes = [HTTPStatus.OK, HTTPStatus.CREATED]
    run_threads(*[lambda: [s.record(codes[i % 2]) for i in range(3000)]] * 6)
    snap = s.snapshot()
    assert {int(k): v for k, v in snap["by_status"].items()} == {200: 9000, 201: 9000}
    assert snap["requests"] == 18000


def test_concurrent_merges_not_lost():
    s = Stats()
    one = Stats()
    one.record(500)
    run_threads(*[lambda: [s.merge(one) for _ in range(3000)]] * 6)
    assert s.snapshot() == {"requests": 18000, "errors": 18000, "by_status": {500: 18000}}


def test_snapshot_is_consistent():
    s = Stats()
    stop = threading.Event()
    torn = []

    def writer():
        for i in range(20000):
            s.record(200 + i % 3)
        stop.set()

    def reader():
        while not stop.is_set():
            snap = s.snapshot()
            if not consistent(snap):
                torn.append(snap)

    run_threads(writer, writer, reader, reader)
    assert not torn, torn[:3]


def test_reset_is_atomic():
    s = Stats()
    drained = []
    done = threading.Event()

    def writer():
        for i in range(8000):
            s.record(500 + i % 2)

    def writers():
        inner = [threading.Thread(target=writer) for _ in range(3)]
        for t in inner:
            t.start()
        for t in inner:
            t.join()
        done.set()

    def resetter():
        while not done.is_set():
            drained.append(s.reset())

    run_threads(writers, resetter)
    drained.append(s.reset())
    assert sum(d["requests"] for d in drained) == 24000
    assert sum(sum(d["by_status"].values()) for d in drained) == 24000
    assert all(consistent(d) for d in drained)
