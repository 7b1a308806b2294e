"""Shipping labels for users whose data may be incomplete."""

from dataclasses import dataclass


@dataclass
class Address:
    city: str | None
    zip: str | None


@dataclass
class User:
    name: str
    address: Address | None
    nickname: str | None = None


def shipping_label(user: User | None) -> str:
    raise NotImplementedError
