"""Helpers for the reporting service: layered configuration and order summaries."""

from __future__ import annotations

from typing import Any


def deep_merge(base: dict | None, override: dict | None) -> dict:
    """Merge ``override`` on top of ``base`` (see the task description)."""
    result = base
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def get_setting(config: dict | None, path: str, default: Any = None) -> Any:
    """Look up a dotted path such as ``"db.pool.size"``."""
    node = config
    for part in path.split("."):
        node = node[part]
    return node


def summarise_orders(orders: list[dict | None] | None) -> dict:
    """Summarise a list of order records."""
    summary = {
        "orders": 0,
        "total": 0,
        "missing_amount": 0,
        "items": 0,
        "by_customer": {},
        "largest": None,
    }
    largest_amount = 0
    for order in orders:
        summary["orders"] += 1
        customer = order["customer"]
        amount = order["amount"]
        discount = order.get("discount")
        net = amount - discount
        summary["total"] += net
        summary["items"] += len(order["items"])
        summary["by_customer"][customer] = summary["by_customer"].get(customer) + net
        if amount > largest_amount:
            largest_amount = amount
            summary["largest"] = customer
    return summary
