"""Paired comparisons of a night with its baseline, and multiplicity control.

Two comparisons, both paired so that task difficulty cancels out:

- :func:`paired_difference`: tonight versus a *window* of baseline nights, on the
  tasks both ran. Per task ``d_i = tonight_rate_i - baseline_rate_i``; the effect
  is their average weighted by tonight's attempts (a ratio estimator). Its
  standard error is the larger of the binomial one under "no change" (pooled
  rate, continuity-corrected) and the cluster-robust one over seed lineages, so
  that neither correlated mutants nor small samples make it overconfident.
- :func:`paired_compare`: tonight versus the previous night on the (task,
  sample) attempts both ran, with the exact McNemar test on the flips (the
  discordant pairs). It names the tasks that flipped.

Multiplicity: :func:`benjamini_hochberg` (used for the alarms across areas and
area x language cells) and :func:`holm`. BH because the family is nested (an
area and its cells) and grows with every new language; under "nothing changed"
BH controls the chance of any false alarm at ``q`` just as Holm does, and when
an area really drops its correlated cells count as discoveries together, which
Holm's first step (``q / m``) would not allow.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from codecanary.stats.intervals import Z95

Counts = Mapping[str, tuple[int, int]]
"""Task id -> (passed, attempts)."""


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


def benjamini_hochberg(pvalues: Mapping[str, float]) -> dict[str, float]:
    """BH q-values (false-discovery-rate adjusted p-values), same keys."""
    items = sorted(pvalues.items(), key=lambda kv: kv[1])
    m = len(items)
    out: dict[str, float] = {}
    running = 1.0
    for i in range(m - 1, -1, -1):
        key, p = items[i]
        running = min(running, p * m / (i + 1))
        out[key] = min(1.0, running)
    return out


def normal_sf(z: float) -> float:
    """P(Z > z) for a standard normal Z."""
    return 0.5 * math.erfc(z / math.sqrt(2))


@dataclass(frozen=True)
class PairedDiff:
    """Tonight minus baseline on common tasks (negative is worse).

    tasks / clusters: common tasks and their seed lineages; n: tonight's attempts
    on them; before / after: baseline and tonight pass rate on those tasks;
    delta with its 95% interval low..high; z: delta / standard error;
    p_value: one-sided p of a drop tonight.
    """

    tasks: int
    clusters: int
    n: int
    before: float
    after: float
    delta: float
    low: float
    high: float
    z: float
    p_value: float


def paired_difference(tonight: Counts, baseline: Counts,
                      roots: Mapping[str, str] | None = None) -> PairedDiff | None:
    """Paired per-task difference of tonight versus baseline; None without common tasks."""
    common = [t for t, (_, n) in tonight.items() if n > 0 and baseline.get(t, (0, 0))[1] > 0]
    if not common:
        return None
    n_tot = sum(tonight[t][1] for t in common)
    d = {t: tonight[t][0] / tonight[t][1] - baseline[t][0] / baseline[t][1] for t in common}
    delta = sum(tonight[t][1] * d[t] for t in common) / n_tot
    after = sum(tonight[t][0] for t in common) / n_tot
    before = after - delta
    pooled_pass = sum(tonight[t][0] + baseline[t][0] for t in common)
    pooled_n = sum(tonight[t][1] + baseline[t][1] for t in common)
    p_bar = min(max(pooled_pass / pooled_n, 0.5 / pooled_n), 1 - 0.5 / pooled_n)
    v_null = p_bar * (1 - p_bar) * sum(
        tonight[t][1] ** 2 * (1 / tonight[t][1] + 1 / baseline[t][1]) for t in common) / n_tot**2
    by_cluster: dict[str, float] = defaultdict(float)
    for t in common:
        by_cluster[roots.get(t, t) if roots else t] += tonight[t][1] * (d[t] - delta)
    c = len(by_cluster)
    v_cr = c / (c - 1) * sum(e * e for e in by_cluster.values()) / n_tot**2 if c >= 5 else 0.0
    se = math.sqrt(max(v_null, v_cr))
    shrunk = math.copysign(max(0.0, abs(delta) - 0.5 / n_tot), delta)  # continuity correction
    z = shrunk / se if se > 0 else 0.0
    return PairedDiff(
        tasks=len(common), clusters=c, n=n_tot, before=before, after=after, delta=delta,
        low=max(-1.0, delta - Z95 * se), high=min(1.0, delta + Z95 * se), z=z,
        p_value=normal_sf(-z),
    )


@dataclass(frozen=True)
class Comparison:
    """Night versus previous night for one group, paired on common (task, sample) pairs."""

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
    """Exact McNemar per group on the attempts both nights ran, Holm-corrected across groups."""
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
