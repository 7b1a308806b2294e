"""Statistics: intervals, exact McNemar, Holm, and the paired comparison."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from codecanary.stats import binom_two_sided, holm, mcnemar_exact, paired_compare, wilson


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
