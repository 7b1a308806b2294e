"""Statistics for pass rates and night-to-night degradation.

- Wilson intervals for pass rates (well-behaved at 0 and 1 and for small n).
- Paired comparison of two nights on the (task, sample) pairs both ran: the
  exact McNemar test on the discordant pairs (flips), two-sided.
- Holm's step-down correction across the areas compared, so that looking at
  ten areas at once does not multiply false alarms.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Z95 = 1.959963984540054


def wilson(passed: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a pass rate; (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    p = passed / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def binom_two_sided(k: int, n: int) -> float:
    """Exact two-sided p-value of k successes in n fair coin flips."""
    if n == 0:
        return 1.0
    k = min(k, n - k)
    tail: float = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * tail)


def mcnemar_exact(pass_to_fail: int, fail_to_pass: int) -> float:
    """Exact McNemar p-value from the two kinds of flips."""
    return binom_two_sided(pass_to_fail, pass_to_fail + fail_to_pass)


def holm(pvalues: Mapping[str, float]) -> dict[str, float]:
    """Holm-adjusted p-values (family-wise error control), same keys."""
    items = sorted(pvalues.items(), key=lambda kv: kv[1])
    m = len(items)
    out: dict[str, float] = {}
    running = 0.0
    for i, (key, p) in enumerate(items):
        running = max(running, min(1.0, (m - i) * p))
        out[key] = running
    return out


@dataclass(frozen=True)
class Rate:
    """A pass rate with its 95% interval."""

    passed: int
    n: int
    low: float
    high: float

    @property
    def rate(self) -> float:
        """Point estimate (0 when there is no data)."""
        return self.passed / self.n if self.n else 0.0


def rates(rows: Iterable[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], str]) -> dict[
        str, Rate]:
    """Pass rate per group of the rows (infra errors excluded)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r.get("infra_error"):
            continue
        c = counts[key(r)]
        c[0] += bool(r["passed"])
        c[1] += 1
    return {k: Rate(p, n, *wilson(p, n)) for k, (p, n) in sorted(counts.items())}


@dataclass(frozen=True)
class Comparison:
    """Night versus baseline for one group, paired on common (task, sample) pairs."""

    group: str
    pairs: int
    before: float
    after: float
    pass_to_fail: int
    fail_to_pass: int
    p_value: float
    p_adjusted: float
    significant_drop: bool
    flipped_tasks: tuple[str, ...]

    @property
    def delta(self) -> float:
        """Change of pass rate on the paired attempts (negative is worse)."""
        return self.after - self.before


def paired_compare(
    before: Iterable[Mapping[str, Any]],
    after: Iterable[Mapping[str, Any]],
    key: Callable[[Mapping[str, Any]], str],
    alpha: float = 0.05,
) -> list[Comparison]:
    """Compare two nights per group on the attempts both ran, Holm-corrected across groups."""
    prev = {(r["task_id"], r["sample"]): r for r in before if not r.get("infra_error")}
    groups: dict[str, list[tuple[bool, bool, str]]] = defaultdict(list)
    for r in after:
        if r.get("infra_error"):
            continue
        old = prev.get((r["task_id"], r["sample"]))
        if old is not None:
            groups[key(r)].append((bool(old["passed"]), bool(r["passed"]), str(r["name"])))
    raw: dict[str, float] = {}
    for g, pairs in groups.items():
        p2f = sum(1 for b, a, _ in pairs if b and not a)
        f2p = sum(1 for b, a, _ in pairs if a and not b)
        raw[g] = mcnemar_exact(p2f, f2p)
    adjusted = holm(raw)
    out = []
    for g, pairs in sorted(groups.items()):
        n = len(pairs)
        p2f = sum(1 for b, a, _ in pairs if b and not a)
        f2p = sum(1 for b, a, _ in pairs if a and not b)
        flipped = tuple(sorted({name for b, a, name in pairs if b != a}))
        out.append(Comparison(
            group=g, pairs=n, before=sum(b for b, _, _ in pairs) / n,
            after=sum(a for _, a, _ in pairs) / n, pass_to_fail=p2f, fail_to_pass=f2p,
            p_value=raw[g], p_adjusted=adjusted[g],
            significant_drop=adjusted[g] < alpha and p2f > f2p, flipped_tasks=flipped,
        ))
    return out
