"""A ledger of account balances that is safe to share between threads."""

from __future__ import annotations


class InsufficientFunds(ValueError):
    """Raised when a withdrawal or transfer would make a balance negative."""


class Ledger:
    def __init__(self) -> None:
        raise NotImplementedError

    def deposit(self, account: str, amount: int) -> int:
        raise NotImplementedError

    def withdraw(self, account: str, amount: int) -> int:
        raise NotImplementedError

    def transfer(self, src: str, dst: str, amount: int) -> None:
        raise NotImplementedError

    def balance(self, account: str) -> int:
        raise NotImplementedError

    def total(self) -> int:
        raise NotImplementedError

    def history(self) -> list[tuple[str, str, int]]:
        raise NotImplementedError

    def snapshot(self) -> dict[str, int]:
        raise NotImplementedError
