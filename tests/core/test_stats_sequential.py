"""CUSUM calibration, the night's monitor decision, and the power calculation."""

from __future__ import annotations

import math
import random

import pytest

from codecanary.stats import (
    MonitorConfig,
    TaskInfo,
    cusum_pvalue,
    cusum_step,
    cusum_threshold,
    evaluate,
)
from codecanary.stats.power import power


def test_cusum_accumulates_drops_and_forgets_noise() -> None:
    s = 0.0
    for z in (-2.0, -2.0, -2.0):
        s = cusum_step(s, z, k=1.0)
    assert math.isclose(s, 3.0)
    assert cusum_step(0.5, 1.0, k=1.0) == 0.0
    assert cusum_pvalue(0.0) == 1.0


def test_cusum_pvalue_is_calibrated_on_an_independent_null_history() -> None:
    rng = random.Random(7)  # a different stream than the calibration's
    window, k, s = 14, 1.0, 0.0
    past = [rng.gauss(0, 1) for _ in range(window)]
    hits = nights = 0
    for _ in range(20_000):
        x = rng.gauss(0, 1)
        s = cusum_step(s, (x - sum(past[-window:]) / window) / math.sqrt(1 + 1 / window), k)
        past.append(x)
        nights += 1
        hits += cusum_pvalue(s, k, window) <= 0.05
    assert 0.03 < hits / nights < 0.07
    assert cusum_threshold(0.01, k, window) > cusum_threshold(0.05, k, window) > 0


INFO = {f"{a}-{lang}-{i}": TaskInfo(a, lang, f"{a}-{lang}-{i}")
        for a in ("null-handling", "concurrency") for lang in ("python", "rust")
        for i in range(10)}


def _night(rates: dict[str, float], seed: int, samples: int = 3) -> dict[str, tuple[int, int]]:
    rng = random.Random(seed)
    return {t: (sum(rng.random() < rates.get(i.area, 0.9) for _ in range(samples)), samples)
            for t, i in INFO.items()}


def test_monitor_flags_a_large_drop_in_one_area_only() -> None:
    base = [_night({}, s) for s in range(7)]
    ev = evaluate(_night({"null-handling": 0.4}, 99), base, INFO, {}, MonitorConfig(window=7))
    by = {g.group: g for g in ev.groups}
    assert by["null-handling"].significant_drop
    assert not by["concurrency"].significant_drop
    assert {"null-handling@python", "null-handling@rust"} <= set(by)
    assert ev.state["null-handling"] > 0 and ev.window == 7


def test_monitor_stays_quiet_on_no_change_nights() -> None:
    nights = [_night({}, s) for s in range(40)]
    state: dict[str, float] = {}
    alarms = 0
    for i in range(1, 40):
        ev = evaluate(nights[i], nights[max(0, i - 14):i], INFO, state)
        state = ev.state
        alarms += any(g.significant_drop for g in ev.groups)
    assert alarms <= 2


def test_monitor_without_baseline_claims_nothing() -> None:
    assert evaluate(_night({}, 1), [], INFO).groups == []


def test_power_grows_with_the_drop_and_the_budget() -> None:
    small, big = power(0.9, 0.05), power(0.9, 0.15)
    assert small.first_night < big.first_night and small.z < big.z
    assert power(0.9, 0.05, tasks=100).within_two > small.within_two
    assert 0 < big.mde < 1
    with pytest.raises(ValueError, match="between 0 and 1"):
        power(1.0, 0.1)
