"""Statistics: intervals (plain and lineage-clustered), exact McNemar, Holm, BH, pairing."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from codecanary.stats import (
    benjamini_hochberg,
    binom_two_sided,
    clustered_rate,
    holm,
    lineage_roots,
    mcnemar_exact,
    paired_compare,
    paired_difference,
    rates,
    wilson,
)


@given(st.integers(0, 200).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_point_estimate(pn: tuple[int, int]) -> None:
    passed, n = pn
    low, high = wilson(passed, n)
    assert 0 <= low <= high <= 1
    if n:
        assert low - 1e-12 <= passed / n <= high + 1e-12


def test_wilson_known_value() -> None:
    low, high = wilson(8, 10)
    assert math.isclose(low, 0.4902, abs_tol=1e-3) and math.isclose(high, 0.9433, abs_tol=1e-3)


def test_exact_mcnemar() -> None:
    assert mcnemar_exact(0, 0) == 1.0
    assert math.isclose(mcnemar_exact(6, 0), 2 / 64)
    assert math.isclose(binom_two_sided(1, 10), 2 * 11 / 1024)
    assert mcnemar_exact(5, 5) == 1.0


def test_holm_is_monotone_and_conservative() -> None:
    adj = holm({"a": 0.01, "b": 0.04, "c": 0.03})
    assert math.isclose(adj["a"], 0.03) and math.isclose(adj["c"], 0.06)
    assert math.isclose(adj["b"], 0.06)


def test_benjamini_hochberg_known_values_and_less_strict_than_holm() -> None:
    p = {"a": 0.01, "b": 0.02, "c": 0.03, "d": 0.5}
    q = benjamini_hochberg(p)
    assert math.isclose(q["a"], 0.04) and math.isclose(q["b"], 0.04)
    assert math.isclose(q["c"], 0.04) and math.isclose(q["d"], 0.5)
    h = holm(p)
    assert all(q[k] <= h[k] + 1e-12 for k in p)


def test_lineage_roots_follow_parents_and_survive_cycles() -> None:
    parents = {"seed": None, "child": "seed", "grandchild": "child", "orphan": "unknown",
               "x": "y", "y": "x"}
    roots = lineage_roots(parents)
    assert roots["grandchild"] == "seed" and roots["child"] == "seed"
    assert roots["orphan"] == "orphan"
    assert roots["x"] in {"x", "y"} and roots["y"] in {"x", "y"}


def test_clustered_interval_is_wider_when_lineages_are_correlated() -> None:
    # 10 lineages of 10 attempts: all-or-nothing per lineage (maximal correlation)
    correlated = {f"s{i}": (10 if i < 5 else 0, 10) for i in range(10)}
    independent = {f"s{i}": (5, 10) for i in range(10)}
    c, ind = clustered_rate(correlated), clustered_rate(independent)
    assert c.rate == ind.rate == 0.5
    assert c.high - c.low > 2 * (ind.high - ind.low)
    assert math.isclose(c.n_eff, 10) and math.isclose(ind.n_eff, 100)
    assert clustered_rate({"one": (3, 3)}).n_eff == 1.0  # one task says little


def test_rates_cluster_samples_of_one_task_by_root() -> None:
    rows = [{"task_id": t, "sample": s, "passed": t.startswith("a"), "area": "x",
             "infra_error": None} for t in ("a1", "a2", "b1", "b2") for s in range(5)]
    flat = rates(rows, lambda r: "x")["x"]
    by_seed = rates(rows, lambda r: "x", {"a1": "a", "a2": "a", "b1": "b", "b2": "b"})["x"]
    assert flat.clusters == 4 and by_seed.clusters == 2
    assert by_seed.high - by_seed.low > flat.high - flat.low


def test_paired_difference_pairs_only_common_tasks() -> None:
    tonight = {"a": (0, 3), "b": (3, 3), "new": (0, 3)}
    base = {"a": (21, 21), "b": (21, 21), "gone": (0, 21)}
    d = paired_difference(tonight, base)
    assert d is not None and d.tasks == 2 and d.n == 6
    assert math.isclose(d.delta, -0.5) and d.z < 0 and d.low < d.delta < d.high
    assert paired_difference({"new": (1, 1)}, base) is None


def _rows(passes: list[bool], area: str, offset: int = 0) -> list[dict[str, object]]:
    return [{"task_id": f"{area}{i + offset}", "sample": 0, "passed": p, "area": area,
             "name": f"{area}{i + offset}", "infra_error": None} for i, p in enumerate(passes)]


def test_paired_compare_flags_only_the_dropping_area() -> None:
    before = _rows([True] * 10, "null-handling") + _rows([True, False] * 5, "concurrency")
    after = _rows([False] * 8 + [True] * 2, "null-handling") + _rows([False, True] * 5,
                                                                       "concurrency")
    result = {c.group: c for c in paired_compare(before, after, lambda r: str(r["area"]))}
    assert result["null-handling"].significant_drop
    assert result["null-handling"].pass_to_fail == 8
    assert not result["concurrency"].significant_drop
    assert result["concurrency"].pass_to_fail == 5 and result["concurrency"].fail_to_pass == 5


def test_infra_errors_are_not_paired() -> None:
    before = _rows([True] * 8, "a")
    after = [dict(r, passed=False, infra_error="529 overloaded") for r in _rows([True] * 8, "a")]
    assert paired_compare(before, after, lambda r: str(r["area"])) == []
