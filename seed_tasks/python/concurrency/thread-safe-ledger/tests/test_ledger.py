import sys
import threading
import time
from contextlib import contextmanager

import pytest
from hypothesis import given, settings, strategies as st

from solution import InsufficientFunds, Ledger

ACCOUNTS = ["alice", "bob", "carol", "dave"]


@contextmanager
def tiny_switch_interval():
    """Make the interpreter switch threads as often as possible."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


class YieldingKey(str):
    """An account name (a real ``str``) whose hashing briefly releases the GIL.

    Dict lookups and stores with such a key give other threads a chance to run
    in the middle of a read-modify-write, so unsynchronised code loses updates
    reliably instead of once in a blue moon. Correctly locked code is unaffected.
    """

    def __hash__(self):
        time.sleep(0)
        return str.__hash__(self)


def run_threads(n, target, *args):
    errors = []
    barrier = threading.Barrier(n)

    def wrapper(i):
        try:
            barrier.wait()
            target(i, *args)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=wrapper, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def replay(history):
    balances = {}
    for op, account, amount in history:
        if op == "deposit":
            balances[account] = balances.get(account, 0) + amount
        elif op == "withdraw":
            balances[account] = balances.get(account, 0) - amount
            assert balances[account] >= 0
        elif op == "transfer":
            src, dst = account.split("->")
            balances[src] = balances.get(src, 0) - amount
            assert balances[src] >= 0
            balances[dst] = balances.get(dst, 0) + amount
        else:
            raise AssertionError(f"unknown op {op!r}")
    return balances


# ---------------------------------------------------------------- examples


def test_basic_operations():
    ledger = Ledger()
    assert ledger.balance("nobody") == 0
    assert ledger.total() == 0
    assert ledger.history() == []
    assert ledger.snapshot() == {}
    assert ledger.deposit("alice", 100) == 100
    assert ledger.deposit("alice", 5) == 105
    assert ledger.withdraw("alice", 30) == 75
    ledger.transfer("alice", "bob", 25)
    assert ledger.balance("alice") == 50
    assert ledger.balance("bob") == 25
    assert ledger.total() == 75
    assert ledger.snapshot() == {"alice": 50, "bob": 25}
    assert ledger.history() == [
        ("deposit", "alice", 100),
        ("deposit", "alice", 5),
        ("withdraw", "alice", 30),
        ("transfer", "alice->bob", 25),
    ]


def test_insufficient_funds_changes_nothing():
    ledger = Ledger()
    ledger.deposit("alice", 10)
    with pytest.raises(InsufficientFunds):
        ledger.withdraw("alice", 11)
    with pytest.raises(InsufficientFunds):
        ledger.withdraw("bob", 1)
    with pytest.raises(InsufficientFunds):
        ledger.transfer("alice", "bob", 11)
    with pytest.raises(InsufficientFunds):
        ledger.transfer("alice", "alice", 11)
    assert ledger.balance("alice") == 10
    assert ledger.snapshot() == {"alice": 10}
    assert ledger.history() == [("deposit", "alice", 10)]
    assert issubclass(InsufficientFunds, ValueError)


@pytest.mark.parametrize("bad", [0, -1, -100, True, False, 1.5, "3", None])
def test_invalid_amounts(bad):
    ledger = Ledger()
    ledger.deposit("alice", 10)
    for call in (
        lambda: ledger.deposit("alice", bad),
        lambda: ledger.withdraw("alice", bad),
        lambda: ledger.transfer("alice", "bob", bad),
    ):
        with pytest.raises(ValueError) as info:
            call()
        assert not isinstance(info.value, InsufficientFunds)
    assert ledger.snapshot() == {"alice": 10}
    assert ledger.history() == [("deposit", "alice", 10)]


def test_self_transfer_and_copies():
    ledger = Ledger()
    ledger.deposit("alice", 7)
    ledger.transfer("alice", "alice", 7)
    assert ledger.balance("alice") == 7
    hist = ledger.history()
    hist.append(("deposit", "mallory", 1))
    snap = ledger.snapshot()
    snap["alice"] = 1_000_000
    assert ledger.history() == [("deposit", "alice", 7), ("transfer", "alice->alice", 7)]
    assert ledger.snapshot() == {"alice": 7}


# ---------------------------------------------------------------- properties

operation = st.one_of(
    st.tuples(st.just("deposit"), st.sampled_from(ACCOUNTS), st.integers(1, 50)),
    st.tuples(st.just("withdraw"), st.sampled_from(ACCOUNTS), st.integers(1, 50)),
    st.tuples(
        st.just("transfer"),
        st.tuples(st.sampled_from(ACCOUNTS), st.sampled_from(ACCOUNTS)),
        st.integers(1, 50),
    ),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(operation, max_size=40))
def test_sequential_matches_model(ops):
    ledger = Ledger()
    model = {}
    expected_history = []
    for op, target, amount in ops:
        if op == "deposit":
            model[target] = model.get(target, 0) + amount
            assert ledger.deposit(target, amount) == model[target]
            expected_history.append((op, target, amount))
        elif op == "withdraw":
            if model.get(target, 0) >= amount:
                model[target] -= amount
                assert ledger.withdraw(target, amount) == model[target]
                expected_history.append((op, target, amount))
            else:
                with pytest.raises(InsufficientFunds):
                    ledger.withdraw(target, amount)
        else:
            src, dst = target
            if model.get(src, 0) >= amount:
                model[src] -= amount
                model[dst] = model.get(dst, 0) + amount
                assert ledger.transfer(src, dst, amount) is None
                expected_history.append((op, f"{src}->{dst}", amount))
            else:
                with pytest.raises(InsufficientFunds):
                    ledger.transfer(src, dst, amount)
    assert ledger.snapshot() == model
    assert ledger.history() == expected_history
    assert ledger.total() == sum(model.values())
    for account in ACCOUNTS:
        assert ledger.balance(account) == model.get(account, 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(operation, max_size=40))
def test_history_replays_to_snapshot(ops):
    ledger = Ledger()
    for op, target, amount in ops:
        try:
            if op == "transfer":
                ledger.transfer(target[0], target[1], amount)
            else:
                getattr(ledger, op)(target, amount)
        except InsufficientFunds:
            pass
    assert replay(ledger.history()) == ledger.snapshot()


@settings(max_examples=50, deadline=None)
@given(
    st.integers(min_value=2, max_value=4),
    st.integers(min_value=5, max_value=20),
    st.integers(min_value=1, max_value=9),
)
def test_concurrent_deposits_property(n_threads, per_thread, amount):
    ledger = Ledger()
    pool = YieldingKey("pool")

    def work(i):
        for _ in range(per_thread):
            ledger.deposit(pool, amount)

    with tiny_switch_interval():
        run_threads(n_threads, work)
    assert ledger.balance("pool") == n_threads * per_thread * amount
    assert len(ledger.history()) == n_threads * per_thread


# ---------------------------------------------------------------- concurrency


def test_many_plain_deposits_are_not_lost():
    ledger = Ledger()
    n_threads, per_thread = 8, 3000

    def work(i):
        for _ in range(per_thread):
            ledger.deposit("shared", 1)
            ledger.deposit(f"own-{i}", 2)

    with tiny_switch_interval():
        run_threads(n_threads, work)
    assert ledger.balance("shared") == n_threads * per_thread
    for i in range(n_threads):
        assert ledger.balance(f"own-{i}") == 2 * per_thread
    history = ledger.history()
    assert len(history) == 2 * n_threads * per_thread
    assert replay(history) == ledger.snapshot()


@pytest.mark.parametrize("round_", range(2))
def test_concurrent_deposits_are_not_lost(round_):
    ledger = Ledger()
    shared = YieldingKey("shared")
    n_threads, per_thread = 6, 50

    def work(i):
        own = YieldingKey(f"own-{i}")
        for _ in range(per_thread):
            ledger.deposit(shared, 1)
            ledger.deposit(own, 2)

    with tiny_switch_interval():
        run_threads(n_threads, work)
    assert ledger.balance("shared") == n_threads * per_thread
    for i in range(n_threads):
        assert ledger.balance(f"own-{i}") == 2 * per_thread
    history = ledger.history()
    assert len(history) == 2 * n_threads * per_thread
    assert replay(history) == ledger.snapshot()


@pytest.mark.parametrize("round_", range(2))
def test_concurrent_withdrawals_never_overdraw(round_):
    ledger = Ledger()
    acct = YieldingKey("acct")
    ledger.deposit(acct, 150)
    successes = []
    failures = []

    def work(i):
        ok = bad = 0
        for _ in range(40):
            try:
                ledger.withdraw(acct, 1)
                ok += 1
            except InsufficientFunds:
                bad += 1
        successes.append(ok)
        failures.append(bad)

    with tiny_switch_interval():
        run_threads(6, work)
    assert sum(successes) == 150
    assert sum(failures) == 6 * 40 - 150
    assert ledger.balance("acct") == 0
    assert replay(ledger.history()) == {"acct": 0}


@pytest.mark.parametrize("round_", range(3))
def test_transfers_are_atomic_and_conserve_money(round_):
    ledger = Ledger()
    names = [YieldingKey(f"acct{i}") for i in range(6)]
    for name in names:
        ledger.deposit(name, 1000)
    expected_total = 1000 * len(names)
    stop = threading.Event()
    bad_totals = []
    bad_snapshots = []

    def total_watcher():
        while not stop.is_set():
            t = ledger.total()
            if t != expected_total:
                bad_totals.append(t)

    def snapshot_watcher():
        while not stop.is_set():
            s = sum(ledger.snapshot().values())
            if s != expected_total:
                bad_snapshots.append(s)

    def work(i):
        for k in range(60):
            src = names[(i + k) % len(names)]
            dst = names[(i + 3 * k + 1) % len(names)]
            try:
                ledger.transfer(src, dst, 1 + (k % 3))
            except InsufficientFunds:
                pass

    with tiny_switch_interval():
        watchers = [threading.Thread(target=total_watcher) for _ in range(2)]
        watchers += [threading.Thread(target=snapshot_watcher) for _ in range(2)]
        for w in watchers:
            w.start()
        try:
            run_threads(4, work)
        finally:
            stop.set()
            for w in watchers:
                w.join()
    assert ledger.total() == expected_total
    assert all(v >= 0 for v in ledger.snapshot().values())
    assert replay(ledger.history()) == ledger.snapshot()
    assert not bad_totals, bad_totals[:5]
    assert not bad_snapshots, bad_snapshots[:5]
