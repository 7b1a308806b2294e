"""CUSUM across nights on the paired differences, calibrated by simulation.

Looking every night with a fresh 5% test raises a false alarm on about one
night in twenty; a small drop that is never significant on any single night is
never seen at all. A one-sided CUSUM accumulates evidence of a drop instead:

    S_t = max(0, S_{t-1} - z_t - k)

where ``z_t`` is tonight's standardized paired difference against the baseline
window (negative = worse) and ``k`` the allowance (half the shift, in standard
errors, that the chart is tuned for). S stays near 0 while nothing changes and
grows by about ``|z| - k`` per night once the assistant got worse.

Calibration: instead of a fixed threshold ``h`` we turn ``S`` into a p-value,
the probability that a CUSUM under "no change" is at least as high on a given
night. It is estimated by simulating the null process once per (k, window): the
night means are i.i.d. normal, ``z_t`` is tonight minus the mean of the last
``window`` nights (standardized), exactly the correlation the overlapping
baseline windows create. These p-values then go through Benjamini-Hochberg
across groups, so the share of nights with any false alarm stays near ``q``
however many nights and groups are watched.
"""

from __future__ import annotations

import bisect
import math
import random
from collections import deque
from functools import lru_cache

DEFAULT_K = 1.0
NULL_NIGHTS = 100_000
SEED = 20260101


def cusum_step(previous: float, z: float, k: float = DEFAULT_K) -> float:
    """One night of the one-sided (drop-detecting) CUSUM on a standardized difference."""
    return max(0.0, previous - z - k)


@lru_cache(maxsize=32)
def _null_path(k: float, window: int, nights: int = NULL_NIGHTS) -> tuple[float, ...]:
    """Sorted CUSUM values of a long simulated no-change history (fixed seed)."""
    rng = random.Random(f"{SEED}:{k}:{window}:{nights}")
    scale = math.sqrt(1 + 1 / window)
    past: deque[float] = deque(maxlen=window)
    total = 0.0
    s = 0.0
    out = []
    for i in range(nights + 10 * window):
        x = rng.gauss(0.0, 1.0)
        if len(past) == window:
            s = cusum_step(s, (x - total / window) / scale, k)
            if i >= 10 * window:
                out.append(s)
            total -= past[0]
        past.append(x)
        total += x
    out.sort()
    return tuple(out)


def cusum_pvalue(s: float, k: float = DEFAULT_K, window: int = 14) -> float:
    """P(S >= s) on a night with no change (1 for s == 0); resolution 1 / NULL_NIGHTS."""
    if s <= 0:
        return 1.0
    path = _null_path(round(k, 6), max(1, window))
    above = len(path) - bisect.bisect_left(path, s)
    return (above + 1) / (len(path) + 1)


def cusum_threshold(alpha: float, k: float = DEFAULT_K, window: int = 14) -> float:
    """The CUSUM value whose no-change tail probability is ``alpha`` (for charts)."""
    path = _null_path(round(k, 6), max(1, window))
    idx = min(len(path) - 1, max(0, math.ceil((1 - alpha) * len(path)) - 1))
    return path[idx]
