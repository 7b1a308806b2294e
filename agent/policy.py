"""Where to spend the next attempts: a bandit over (weakness, language) cells.

The exploration half of a campaign is a bandit. Each *arm* is a cell
``"weakness@language"`` with a Beta posterior on the assistant's **failure**
rate there (prior Beta(1, 1), updated by every recorded outcome, infra errors
excluded). The campaign hunts for arms whose failure rate exceeds
``flag_rate``, so the default rule (``exceedance``) spends the next attempt in
the arm with the highest posterior probability of exceeding it, among the arms
not yet flagged. The posterior carries the uncertainty: an arm seen once or
twice keeps a middling probability and is tried in its turn; an arm that keeps
passing sinks; an arm that keeps failing is confirmed. ``thompson`` (one draw
per arm from an empirical-Bayes posterior, highest draw wins) is kept for
comparison: with ~26 cells the widest posteriors win too many draws, and
``bench/adaptive_vs_uniform.py`` measures it needing 25-65% more attempts to flag a hidden
weak cell.

Once an arm is flagged, ``deepen_share`` of the requests go to the flagged
arms (harder children: *how* it now fails) and the rest keep hunting.

Inside the chosen arm a Thompson draw on each task's own posterior (shrunk to
its arm's rate) picks the task to build on, and its last outcome decides what
to do:

- it **failed** -> ``sibling``: generate another task from the same parent (or
  from the task itself when it is a seed) to confirm that the weak spot is real
  and not a fluke of one task;
- it **passed** -> ``child``: mutate it one level deeper (harder), up to
  ``max_depth``; past that, a sibling;
- it has no outcome yet (a probe's seeds) -> ``repeat``: attempt it as it is.

A request whose generation fails (no operator, or every child rejected by the
gate) falls back to a ``repeat`` of its source task, which is already valid: so
every request costs exactly its attempts and the campaign always terminates.

Everything here is plain JSON-friendly data so the state can be checkpointed,
and every random choice comes from :func:`rng_for` (a hash of the campaign seed
and the round), so a resumed campaign makes exactly the same choices.

:func:`flagged` is the hunting verdict (used by ``probe`` and the benchmark):
an arm is a weak spot when the posterior probability that its failure rate
exceeds ``flag_rate`` reaches ``flag_confidence``. It is a search signal, not
the night-vs-baseline statistic of :mod:`codecanary.stats`.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from codecanary.types import Task

Relation = Literal["sibling", "child", "repeat"]
Rule = Literal["exceedance", "thompson"]
PolicyState = dict[str, Any]
"""``{"arms": {arm: [fails, passes]}, "tasks": {task id: TaskStat dict}}``."""


@dataclass(frozen=True)
class PolicyConfig:
    """Knobs of the targeting policy.

    rule: how an arm is chosen: ``exceedance`` (highest P(rate > flag_rate)) or
        ``thompson`` (highest posterior draw); see the module docstring.
    deepen_share: share of requests spent in already-flagged arms, when there are any.
    prior_fail, prior_pass: Beta prior of the flag verdict (integers, so the test is exact).
    shrink: strength (pseudo-outcomes) of the empirical-Bayes prior the *choice* uses:
        each arm's posterior starts from the campaign's pooled failure rate, each
        task's from its arm's, so one lucky failure in a one-task cell does not
        pull the budget away from a cell that keeps failing.
    max_depth: deepest generation a ``child`` request may create (seeds are depth 0).
    samples: answers per generated task (1 spreads the evidence over more tasks).
    flag_rate, flag_confidence, flag_min_n: an arm is flagged when
        P(failure rate > flag_rate) >= flag_confidence with at least flag_min_n outcomes.
    """

    rule: Rule = "exceedance"
    deepen_share: float = 0.5
    prior_fail: int = 1
    prior_pass: int = 1
    shrink: float = 2.0
    max_depth: int = 3
    samples: int = 1
    flag_rate: float = 0.3
    flag_confidence: float = 0.95
    flag_min_n: int = 5


def arm_of(task: Task) -> str:
    """The bandit arm of a task: its primary weakness area and its language."""
    return f"{task.area}@{task.language}"


def rng_for(seed: int, *parts: object) -> random.Random:
    """A random generator determined by ``seed`` and ``parts`` (stable across processes)."""
    h = hashlib.sha256("|".join(map(str, (seed, *parts))).encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def new_state() -> PolicyState:
    """An empty policy state."""
    return {"arms": {}, "tasks": {}}


def add_task(state: PolicyState, task: Task, depth: int = 0, next_sample: int = 0) -> None:
    """Make ``task`` a candidate of its arm (in place). Known tasks are left unchanged."""
    arm = arm_of(task)
    state["arms"].setdefault(arm, [0, 0])
    state["tasks"].setdefault(task.id, {
        "arm": arm, "name": task.name, "fails": 0, "passes": 0, "last": None, "depth": depth,
        "parent": task.parent, "next_sample": next_sample})


def observe(state: PolicyState, task_id: str, sample: int, passed: bool | None) -> None:
    """Count one outcome (in place); ``passed=None`` (infra error) only uses up the sample."""
    t = state["tasks"][task_id]
    t["next_sample"] = max(t["next_sample"], sample + 1)
    if passed is None:
        return
    key = "passes" if passed else "fails"
    t[key] += 1
    t["last"] = "pass" if passed else "fail"
    state["arms"][t["arm"]][1 if passed else 0] += 1


def _draw(rng: random.Random, fails: int, passes: int, mean: float, strength: float) -> float:
    """A Thompson draw from Beta(strength * mean + fails, strength * (1 - mean) + passes)."""
    return rng.betavariate(strength * mean + fails, strength * (1 - mean) + passes)


def _mean(fails: int, passes: int, prior: float, strength: float) -> float:
    return (strength * prior + fails) / (strength + fails + passes)


def choose(state: PolicyState, rng: random.Random, n: int, cfg: PolicyConfig,
           arms: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """``n`` requests ``{"arm", "task", "relation", "source"}``; ``arms`` limits the choice.

    ``task`` is the task chosen to build on; ``source`` the parent a new task is
    generated from (the task itself for ``child`` and ``repeat``, its parent for
    a ``sibling`` when the parent is known to the policy).
    """
    allowed = set(arms) if arms is not None else None
    by_arm: dict[str, list[str]] = {}
    for tid in sorted(state["tasks"]):
        arm = state["tasks"][tid]["arm"]
        if allowed is None or arm in allowed:
            by_arm.setdefault(arm, []).append(tid)
    if not by_arm:
        return []
    arms_, tasks, k = state["arms"], state["tasks"], cfg.shrink
    total_f = sum(arms_[a][0] for a in by_arm)
    total_p = sum(arms_[a][1] for a in by_arm)
    pooled = _mean(total_f, total_p, cfg.prior_fail / (cfg.prior_fail + cfg.prior_pass),
                   cfg.prior_fail + cfg.prior_pass)
    names = sorted(by_arm)
    hot = [a for a in names if is_flagged(arms_[a], cfg)]
    cold = [a for a in names if a not in hot]
    out = []
    for _ in range(n):
        pool = hot if hot and (not cold or rng.random() < cfg.deepen_share) else cold
        if cfg.rule == "thompson":
            arm = max(pool, key=lambda a: _draw(rng, arms_[a][0], arms_[a][1], pooled, k))
        else:  # exceedance; ties (arms with equal counts) are broken at random
            arm = max(pool, key=lambda a: (
                fail_probability_above(arms_[a][0], arms_[a][1], cfg.flag_rate, cfg),
                rng.random()))
        arm_mean = _mean(arms_[arm][0], arms_[arm][1], pooled, k)
        tid = max(by_arm[arm], key=lambda t: _draw(rng, tasks[t]["fails"], tasks[t]["passes"],
                                                   arm_mean, k))
        t = tasks[tid]
        relation: Relation
        if t["last"] is None:
            relation, source = "repeat", tid
        elif t["last"] == "pass" and t["depth"] < cfg.max_depth:
            relation, source = "child", tid
        else:
            parent = t["parent"]
            relation, source = "sibling", parent if parent in tasks else tid
        out.append({"arm": arm, "task": tid, "relation": relation, "source": source})
    return out


def fail_probability_above(fails: int, passes: int, rate: float, cfg: PolicyConfig) -> float:
    """P(failure rate > ``rate``) under the Beta posterior (exact for integer counts).

    For X ~ Beta(a, b) with integer a, b: P(X <= x) = P(Binomial(a + b - 1, x) >= a).
    """
    a, b = cfg.prior_fail + fails, cfg.prior_pass + passes
    m = a + b - 1
    return sum(math.comb(m, k) * rate**k * (1 - rate) ** (m - k) for k in range(a))


def is_flagged(counts: list[int], cfg: PolicyConfig) -> bool:
    """The verdict on one arm's ``[fails, passes]``: see :func:`flagged`."""
    f, p = counts
    return (f + p >= cfg.flag_min_n
            and fail_probability_above(f, p, cfg.flag_rate, cfg) >= cfg.flag_confidence)


def flagged(state: PolicyState, cfg: PolicyConfig) -> list[str]:
    """Arms whose failure rate is above ``cfg.flag_rate`` with ``cfg.flag_confidence``."""
    return sorted(arm for arm, counts in state["arms"].items() if is_flagged(counts, cfg))


def arm_report(state: PolicyState, cfg: PolicyConfig) -> list[dict[str, Any]]:
    """Per arm: fails, passes, posterior mean failure rate, P(rate > flag_rate), flagged."""
    flags = set(flagged(state, cfg))
    rows = []
    for arm in sorted(state["arms"]):
        f, p = state["arms"][arm]
        rows.append({"arm": arm, "fails": f, "passes": p,
                     "failure_rate": (cfg.prior_fail + f) / (cfg.prior_fail + cfg.prior_pass
                                                            + f + p),
                     "p_above": fail_probability_above(f, p, cfg.flag_rate, cfg),
                     "flagged": arm in flags})
    return rows
