"""The list prices of Anthropic models, the knowledge of the ``anthropic`` family alone.

Dollars per million tokens, per model id (a dated id such as
``claude-sonnet-4-5-20250929`` is priced as ``claude-sonnet-4-5``). The generic
arithmetic (cache and batch factors, the spending cap) is in :mod:`assistants.pricing`.
"""

from __future__ import annotations

import re

from assistants.pricing import Price

_OPUS_NEW = Price(5.0, 25.0)
_OPUS_OLD = Price(15.0, 75.0)
_SONNET = Price(3.0, 15.0)
_FRONTIER = Price(10.0, 50.0)

PRICES: dict[str, Price] = {
    "claude-fable-5-1": Price(10.0, 50.0, cache_hit=0.25),
    "claude-mythos-5-1": Price(10.0, 50.0, cache_hit=0.25),
    "claude-fable-5": _FRONTIER,
    "claude-mythos-5": _FRONTIER,
    "claude-opus-5": _OPUS_NEW,
    "claude-opus-4-8": _OPUS_NEW,
    "claude-opus-4-7": _OPUS_NEW,
    "claude-opus-4-6": _OPUS_NEW,
    "claude-opus-4-5": _OPUS_NEW,
    "claude-opus-4-1": _OPUS_OLD,
    "claude-opus-4": _OPUS_OLD,
    "claude-3-opus": _OPUS_OLD,
    "claude-sonnet-4-6": _SONNET,
    "claude-sonnet-4-5": _SONNET,
    "claude-sonnet-4": _SONNET,
    "claude-3-7-sonnet": _SONNET,
    "claude-haiku-4-5": Price(1.0, 5.0),
    "claude-3-5-haiku": Price(0.8, 4.0),
    "claude-3-haiku": Price(0.25, 1.25),
}
"""List prices per model (dollars per million tokens), from the API's pricing page.
Models not listed (newer ones included) have no known price: add them here."""


def price_of(model: str) -> Price | None:
    """The price of ``model`` (a dated id ``<model>-YYYYMMDD`` is priced as ``<model>``)."""
    return PRICES.get(model) or PRICES.get(re.sub(r"-\d{8}$", "", model))
