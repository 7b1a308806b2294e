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
    if user is None:
        return "UNKNOWN"
    name = user.nickname or user.name
    address = user.address
    if address is None:
        return f"{name} (no address)"
    zip_code = address.zip or "00000"
    city = address.city if address.city is not None else "?"
    return f"{name}, {zip_code} {city}"
