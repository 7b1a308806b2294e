"""A ledger of account balances that is safe to share between threads."""

from __future__ import annotations

import threading


class InsufficientFunds(ValueError):
    """Raised when a withdrawal or transfer would make a balance negative."""


def _check_amount(amount: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValueError(f"amount must be a positive int, got {amount!r}")


class Ledger:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._balances: dict[str, int] = {}
        self._history: list[tuple[str, str, int]] = []

    def deposit(self, account: str, amount: int) -> int:
        _check_amount(amount)
        with self._lock:
            current = self._balances.get(account, 0)
            new = current + amount
            self._balances[account] = new
            self._history.append(("deposit", account, amount))
            return new

    def withdraw(self, account: str, amount: int) -> int:
        _check_amount(amount)
        with self._lock:
            current = self._balances.get(account, 0)
            if current < amount:
                raise InsufficientFunds(
                    f"{account!r} has {current}, cannot withdraw {amount}"
                )
        # check done; now apply (the lock is released in between)
        with self._lock:
            new = current - amount
            self._balances[account] = new
            self._history.append(("withdraw", account, amount))
            return new

    def transfer(self, src: str, dst: str, amount: int) -> None:
        _check_amount(amount)
        with self._lock:
            available = self._balances.get(src, 0)
            if available < amount:
                raise InsufficientFunds(
                    f"{src!r} has {available}, cannot transfer {amount}"
                )
            self._balances[src] = available - amount
            self._balances[dst] = self._balances.get(dst, 0) + amount
            self._history.append(("transfer", f"{src}->{dst}", amount))

    def balance(self, account: str) -> int:
        with self._lock:
            return self._balances.get(account, 0)

    def total(self) -> int:
        with self._lock:
            return sum(balance for balance in self._balances.values())

    def history(self) -> list[tuple[str, str, int]]:
        with self._lock:
            return list(self._history)

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {account: balance for account, balance in self._balances.items()}
