"""What API answers cost in dollars, and a per-run spending cap.

A price is in dollars per million tokens; each family that charges keeps its own
model table in its own module (Anthropic's in :mod:`assistants.anthropic_prices`).
Prompt-cache writes (5-minute) cost 1.25x the input price and cache reads 0.1x
(some models list their own cache price); the Message Batches API halves
everything. A model
without a known price costs 0 and is marked ``price: unknown`` on its
attempts; a cost cap refuses such a model rather than cap nothing.

:class:`Budget` is the cap: before each request an adapter reserves the
request's worst case (every prompt token written to the cache, ``max_tokens``
of output), and settles the real cost afterwards, so a run never spends more
than its cap, even with requests in flight concurrently.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

COST_CAP_REACHED = "cost cap reached"
"""The infra error of attempts not made because the run's cost cap was spent."""

BATCH_DISCOUNT = 0.5
CACHE_WRITE_FACTOR = 1.25
CACHE_READ_FACTOR = 0.1


@dataclass(frozen=True)
class Price:
    """Dollars per million input and output tokens (and cache hits, when not 0.1x input)."""

    input: float
    output: float
    cache_hit: float | None = None

    def cost(self, input_tokens: int, output_tokens: int, cache_read: int = 0,
             cache_write: int = 0, batch: bool = False) -> float:
        """Dollars for one request; ``input_tokens`` excludes the cache tokens (API usage)."""
        hit = self.cache_hit if self.cache_hit is not None else self.input * CACHE_READ_FACTOR
        dollars = (input_tokens * self.input + output_tokens * self.output
                   + cache_write * self.input * CACHE_WRITE_FACTOR + cache_read * hit) / 1e6
        return dollars * (BATCH_DISCOUNT if batch else 1.0)

    def worst_case(self, prompt_chars: int, max_tokens: int, batch: bool = False) -> float:
        """A conservative bound of a request's cost: 1 token per 2 prompt characters, all
        written to the cache, and ``max_tokens`` of output (real code is ~3-4 chars/token)."""
        return self.cost(0, max_tokens, cache_write=prompt_chars // 2 + 16, batch=batch)


class Budget:
    """A run's spending cap in dollars, shared by every attempt of the run (thread-safe)."""

    def __init__(self, cap_usd: float) -> None:
        if cap_usd < 0:
            raise ValueError(f"cost cap is {cap_usd}; give a non-negative number of dollars")
        self.cap_usd = cap_usd
        self.spent_usd = 0.0
        self._held = 0.0
        self._lock = threading.Lock()

    def reserve(self, worst_usd: float) -> bool:
        """Hold ``worst_usd`` for one request; False (nothing held) when it would pass the cap."""
        with self._lock:
            if self.spent_usd + self._held + worst_usd > self.cap_usd:
                return False
            self._held += worst_usd
            return True

    def settle(self, held_usd: float, actual_usd: float) -> None:
        """Release a reservation and charge what the request really cost."""
        with self._lock:
            self._held = max(0.0, self._held - held_usd)
            self.spent_usd += actual_usd

    @property
    def remaining_usd(self) -> float:
        """Dollars neither spent nor held."""
        with self._lock:
            return max(0.0, self.cap_usd - self.spent_usd - self._held)
