"""Concurrency operator ``concurrency/worker-pool``: ``FPool(workers)`` with
``submit(*args)`` returning a future, used from many producer threads, and ``close()``.

It shares the slow recording fake and the test header (:mod:`._threads`) with
:mod:`.concurrency`.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.python._extend import (
    Extension,
    extend,
    fresh,
    module_of,
    pick,
)
from generators.mutators.python._threads import header, slow_fake
from generators.mutators.python.concurrency import AREA
from generators.mutators.shared.text import fill

WORKER_POOL_CODE = '''
${sig}
    """Runs ${fn} on `workers` threads; submit() from any thread."""

    def __init__(self, workers):
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self._jobs = queue.Queue()
        self._closed = False
        self._threads = [threading.Thread(target=self._work, daemon=True)
                         for _ in range(workers)]
        for t in self._threads:
            t.start()

    def _work(self):
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(${fn}(*args))
            except Exception as exc:
                future.set_exception(exc)

    def submit(self, *args):
        if self._closed:
            raise RuntimeError("pool is closed")
        future = concurrent.futures.Future()
        self._jobs.put((future, args))
        return future

    def close(self):
        if not self._closed:
            self._closed = True
            for _ in self._threads:
                self._jobs.put(None)
        for t in self._threads:
            t.join()
'''

WORKER_POOL_STUB = '''
${sig}
    """Runs ${fn} on `workers` threads; submit() from any thread."""

    def __init__(self, workers):
        raise NotImplementedError

    def submit(self, *args):
        raise NotImplementedError

    def close(self):
        raise NotImplementedError
'''

WORKER_POOL_TEST = '''


@pytest.mark.parametrize("workers", [1, 3])
def test_${producers}_producers(workers):
    fake = Fake(0.005)
    with mock.patch.object(${mod}, "${fn}", fake):
        pool = ${cls}(workers)
        futures = {}
        lock = threading.Lock()
        barrier = threading.Barrier(${producers})

        def produce(p):
            barrier.wait()
            for i in range(10):
                fut = pool.submit(p, i)
                with lock:
                    futures[(p, i)] = fut

        threads = [threading.Thread(target=produce, args=(p,))
                   for p in range(${producers})]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        pool.close()
    assert len(futures) == ${producers} * 10
    for key, fut in futures.items():
        assert fut.done()
        assert fut.result(0) == ("result", key)
    assert fake.peak <= workers
    assert len(fake.calls) == ${producers} * 10


def test_close_drains_then_refuses():
    crashed = []
    old_hook = threading.excepthook
    threading.excepthook = lambda exc: crashed.append(exc.exc_value)
    fake = Fake(0.01)
    try:
        with mock.patch.object(${mod}, "${fn}", fake):
            pool = ${cls}(2)
            futures = [pool.submit(i) for i in range(6)]
            pool.close()
    finally:
        threading.excepthook = old_hook
    assert crashed == [], "a worker thread crashed"
    assert all(f.done() for f in futures)
    with pytest.raises(RuntimeError):
        pool.submit(99)
    pool.close()
    assert [f.result(0) for f in futures] == [("result", (i,)) for i in range(6)]


def test_error_goes_to_its_future():
    def boom(x):
        if x == 2:
            raise ValueError(x)
        return x

    with mock.patch.object(${mod}, "${fn}", boom):
        pool = ${cls}(2)
        futures = [pool.submit(i) for i in range(4)]
        pool.close()
    assert futures[2].exception(0) is not None
    assert [futures[i].result(0) for i in (0, 1, 3)] == [0, 1, 3]
    with pytest.raises(ValueError):
        ${cls}(0)
'''


class WorkerPool:
    """See the module docstring."""

    name = "concurrency/worker-pool"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        producers = rng.choice((3, 4, 6))
        cls = fresh(parent, "".join(p.title() for p in f.name.split("_")) + "Pool")
        mod = module_of(parent)
        sig = f"class {cls}:"
        code = fill(WORKER_POOL_CODE, sig=sig, fn=f.name)
        check = '        if self._closed:\n            raise RuntimeError("pool is closed")\n'
        bad = code.replace(check + '        future', '        future', 1)
        stub_code = fill(WORKER_POOL_STUB, sig=sig, fn=f.name)
        test = header(mod, cls) + slow_fake(f.name) + fill(
            WORKER_POOL_TEST, producers=producers, mod=mod, fn=f.name, cls=cls)
        section = (f"Add class `{cls}`: a pool of worker threads that run `{f.name}` for "
                   f"many producer threads. `{cls}(workers)` starts `workers` threads "
                   f"(`workers < 1` raises `ValueError`). `submit(*args)` may be called from "
                   f"any thread and returns a `concurrent.futures.Future` that completes "
                   f"with `{f.name}(*args)` or its exception; at most `workers` calls run at "
                   f"once. `close()` stops accepting work, waits until every submitted call "
                   f"has finished and the threads have exited, and may be called twice; "
                   f"`submit` after `close` raises `RuntimeError`; worker threads "
                   f"must exit cleanly, never by an exception. Call `{f.name}` through its "
                   "module-level name.")
        ext = Extension(section, code, stub_code, test, "worker_pool", bad,
                        {"function": f.name, "new": cls, "producers": producers},
                        ("concurrent.futures", "queue", "threading"), f"worker pool `{cls}`")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (WorkerPool(),)
