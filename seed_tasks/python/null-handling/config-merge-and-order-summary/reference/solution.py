"""Helpers for the reporting service: layered configuration and order summaries."""

from __future__ import annotations

from typing import Any


def _copy_dicts(value: Any) -> Any:
    """Copy nested dicts so the caller can never reach into our inputs."""
    if isinstance(value, dict):
        return {key: _copy_dicts(inner) for key, inner in value.items()}
    return value


def deep_merge(base: dict | None, override: dict | None) -> dict:
    """Merge ``override`` on top of ``base`` (see the task description)."""
    if base is None:
        base = {}
    if override is None:
        return _copy_dicts(base)
    result = _copy_dicts(base)
    for key, value in override.items():
        if value is None:
            continue
        current = result.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            result[key] = deep_merge(current, value)
        else:
            result[key] = _copy_dicts(value)
    return result


def get_setting(config: dict | None, path: str, default: Any = None) -> Any:
    """Look up a dotted path such as ``"db.pool.size"``."""
    node: Any = config
    for part in path.split("."):
        if not isinstance(node, dict):
            return default
        node = node.get(part)
        if node is None:
            return default
    return node


def summarise_orders(orders: list[dict | None] | None) -> dict:
    """Summarise a list of order records."""
    summary: dict[str, Any] = {
        "orders": 0,
        "total": 0,
        "missing_amount": 0,
        "items": 0,
        "by_customer": {},
        "largest": None,
    }
    if orders is None:
        return summary
    largest_amount = None
    for order in orders:
        if order is None:
            continue
        summary["orders"] += 1
        customer = order.get("customer")
        if customer is None:
            customer = "unknown"
        amount = order.get("amount")
        if amount is None:
            summary["missing_amount"] += 1
        discount = order.get("discount")
        if discount is None:
            discount = 0
        items = order.get("items")
        if items is not None:
            summary["items"] += len(items)
        net = (amount or 0) - discount
        summary["total"] += net
        by_customer = summary["by_customer"]
        by_customer[customer] = by_customer.get(customer, 0) + net
        if amount is not None and (largest_amount is None or amount > largest_amount):
            largest_amount = amount
            summary["largest"] = customer
    return summary
