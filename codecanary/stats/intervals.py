"""Pass-rate intervals that respect clustering by seed lineage.

Samples of one task are not independent (the same prompt, the same trap), and
neither are the mutants generated from one seed task. Treating every attempt as
an independent coin flip makes intervals too narrow. We therefore:

1. group attempts into clusters: the *lineage root* of their task (follow the
   task's ``parent`` up to a task without a known parent);
2. estimate the pass rate as a ratio estimator ``sum(passed) / sum(n)`` and its
   variance with the cluster-robust (CR1) sandwich formula;
3. turn that variance into a design effect ``deff = var_cluster / var_binomial``
   and an effective sample size ``n_eff = n / deff`` (kept between the number of
   clusters and ``n``), and report the Wilson interval at ``n_eff``.

Step 3 keeps Wilson's good behaviour at 0% and 100% and for small samples while
widening the interval by exactly the measured within-lineage correlation. With
one cluster nothing can be estimated about between-cluster spread and
``n_eff`` is 1: one task says little about an area.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Z95 = 1.959963984540054


def wilson(passed: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a pass rate; (0, 1) when n is 0. ``n`` may be fractional."""
    if n <= 0:
        return 0.0, 1.0
    p = passed / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(0.0, p * (1 - p) / n + z * z / (4 * n * n))) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def lineage_roots(parents: Mapping[str, str | None]) -> dict[str, str]:
    """Task id -> id of its seed (follow ``parent`` while the parent is known; cycle-safe)."""
    roots: dict[str, str] = {}
    for start in parents:
        node, seen = start, {start}
        while True:
            parent = parents.get(node)
            if parent is None or parent not in parents or parent in seen:
                break
            if parent in roots:
                node = roots[parent]
                break
            seen.add(parent)
            node = parent
        roots[start] = node
    return roots


@dataclass(frozen=True)
class Rate:
    """A pass rate with its 95% lineage-clustered interval.

    passed, n: attempts that passed, attempts counted (infra errors excluded).
    low, high: the 95% interval (Wilson at the effective sample size).
    clusters: distinct seed lineages behind the attempts.
    n_eff: effective number of independent attempts after clustering.
    """

    passed: int
    n: int
    low: float
    high: float
    clusters: int = 0
    n_eff: float = 0.0

    @property
    def rate(self) -> float:
        """Point estimate (0 when there is no data)."""
        return self.passed / self.n if self.n else 0.0


def clustered_rate(counts: Mapping[str, tuple[int, int]], z: float = Z95) -> Rate:
    """Pass rate of per-cluster ``(passed, n)`` counts with a cluster-robust interval."""
    cells = [(p, n) for p, n in counts.values() if n > 0]
    passed = sum(p for p, _ in cells)
    n = sum(m for _, m in cells)
    c = len(cells)
    if n == 0:
        return Rate(0, 0, 0.0, 1.0, 0, 0.0)
    p_hat = passed / n
    if c < 2:
        n_eff = 1.0 if n > 1 else float(n)
    elif p_hat in (0.0, 1.0):
        n_eff = float(n)
    else:
        v_cluster = c / (c - 1) * sum((pi - p_hat * ni) ** 2 for pi, ni in cells) / n**2
        v_binom = p_hat * (1 - p_hat) / n
        deff = max(1.0, v_cluster / v_binom)
        n_eff = min(float(n), max(float(c), n / deff))
    low, high = wilson(p_hat * n_eff, n_eff, z)
    return Rate(passed, n, low, high, c, n_eff)


def rates(
    rows: Iterable[Mapping[str, Any]],
    key: Callable[[Mapping[str, Any]], str],
    roots: Mapping[str, str] | None = None,
) -> dict[str, Rate]:
    """Pass rate per group of attempt rows (infra errors excluded), clustered by lineage.

    ``roots`` maps task id -> lineage root; without it each task is its own cluster.
    """
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in rows:
        if r.get("infra_error"):
            continue
        tid = str(r["task_id"])
        cluster = roots.get(tid, tid) if roots else tid
        cell = groups[key(r)][cluster]
        cell[0] += bool(r["passed"])
        cell[1] += 1
    return {g: clustered_rate({c: (v[0], v[1]) for c, v in cl.items()})
            for g, cl in sorted(groups.items())}
