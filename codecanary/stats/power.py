"""What a nightly run of a given size can detect (``codecanary power``).

Model (the one the monitor's calibration assumes): one area with ``tasks``
anchor tasks x ``samples`` answers at pass rate ``baseline``; tonight is paired
with a window of ``window`` earlier nights, so the standard error of tonight's
difference is ``sqrt(p (1 - p) (1/n + 1/(n window)))`` with ``n = tasks x
samples``. The alarm is the CUSUM crossing the level that Benjamini-Hochberg
needs when one of ``areas`` areas changes (``q / areas``). Nights-to-detect is
simulated with the same CUSUM, including the drop gradually entering the
baseline window. Clustering is ignored here (it only matters when mutants of
one seed behave alike); with generated tasks, use the number of seeds as
``tasks`` for a conservative answer.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from codecanary.stats.paired import normal_sf
from codecanary.stats.sequential import DEFAULT_K, cusum_step, cusum_threshold


@dataclass(frozen=True)
class Power:
    """Detection power of one configuration for a drop of ``delta`` in one area.

    se: standard error of one night's paired difference; z: the drop in standard
    errors; threshold: CUSUM alarm level; first_night: probability of flagging on
    the first night of the drop; within_two: ... by its second night; median_nights:
    median nights to flag (None: not within ``horizon``); mde: smallest drop
    flagged on its first night with 80% probability.
    """

    baseline: float
    delta: float
    tasks: int
    samples: int
    window: int
    areas: int
    se: float
    z: float
    threshold: float
    first_night: float
    within_two: float
    median_nights: int | None
    mde: float


def power(baseline: float, delta: float, tasks: int = 25, samples: int = 3, window: int = 14,
          areas: int = 4, q: float = 0.07, k: float = DEFAULT_K, runs: int = 4000,
          horizon: int = 30, seed: int = 20260101) -> Power:
    """Power of the nightly monitor against a drop of ``delta`` (0.10 = 10 points)."""
    if not 0 < baseline < 1:
        raise ValueError(f"baseline pass rate {baseline} must be strictly between 0 and 1")
    if not 0 < delta <= baseline:
        raise ValueError(f"drop {delta} must be positive and at most the baseline {baseline}")
    n = tasks * samples
    p_bar = baseline - delta / 2
    se = math.sqrt(p_bar * (1 - p_bar) * (1 / n + 1 / (n * window)))
    z = max(0.0, delta - 0.5 / n) / se  # continuity-corrected, as the monitor does
    h = cusum_threshold(q / areas, k, window)
    first = normal_sf(h + k - z)
    rng = random.Random(seed)
    scale = math.sqrt(1 + 1 / window)
    hits: list[int] = []
    for _ in range(runs):
        past = [rng.gauss(0.0, 1.0) for _ in range(window)]
        s = 0.0
        hit = 0
        for night in range(1, horizon + 1):
            x = rng.gauss(0.0, 1.0) - z * scale  # the drop in units of one night's noise
            s = cusum_step(s, (x - sum(past[-window:]) / window) / scale, k)
            past.append(x)
            if s > h:
                hit = night
                break
        hits.append(hit or horizon + 1)
    hits.sort()
    median = hits[len(hits) // 2]
    mde_z = h + k + 0.8416212335729143
    mde = mde_z * math.sqrt(baseline * (1 - baseline) * (1 / n + 1 / (n * window)))
    return Power(baseline, delta, tasks, samples, window, areas, se, z, h, first,
                 sum(1 for x in hits if x <= 2) / runs, median if median <= horizon else None,
                 min(1.0, mde))
