"""Attempts needed to flag a hidden, localized weakness: adaptive campaign vs uniform sampling.

What is simulated (and what is not):

- The assistant is the ``sim`` simulator with its built-in ``baseline`` profile
  (10% faults by default, concurrency and borrow-checking 20%) plus **one**
  hidden weak cell, e.g. ``"boundaries@rust" = 0.6``. Outcomes come from the
  simulator's own decision function (``assistants.sim._unit`` against
  ``Profile.rate(area, language, night)``) instead of the sandbox, for speed;
  an injected fault is assumed to be caught by the tests (the gate demands a
  mutation score >= 0.8). The real sandbox path is covered by tests/agent and
  tests/e2e. Replicates differ by the profile seed and the campaign seed.
- Generated children are real: the adaptive campaign proposes them with the
  registered task mutators through the same code as the graph
  (``agent.explore.propose``). The gate is **assumed to accept** every new
  child (its real acceptance share per operator is what ``codecanary probe``
  prints). A child's outcomes follow the same profile rates, by its own area
  and language, hashed on its own id.
- Adaptive: the anchor suite once (one sample per task), then rounds of 4
  requests chosen by ``agent.policy.choose``, exactly as the graph's plan node
  does, once with the default rule (``exceedance``: the arm most likely to
  exceed the flag rate) and once with ``thompson`` (highest posterior draw),
  side by side. Uniform: a task drawn uniformly from the same suite for every
  attempt (a new sample each time).
- Both are judged by the same verdict, ``agent.policy.flagged`` (posterior
  P(failure rate > 30%) >= 95%, at least 5 outcomes), checked after every
  attempt. Counted: attempts until the weak cell is flagged (capped), and runs
  in which another cell was flagged first (a false lead). Two ratios are
  printed: from the first attempt (uniform sampling from scratch against the
  campaign, its anchor suite included), and after the anchor suite (both run
  the anchor, which a nightly runs anyway, then spend the rest uniformly or
  adaptively; only attempts after the anchor are counted). The second is the
  one the campaign's design controls: the anchor always runs in full, so from
  the first attempt the ratio can never exceed (uniform attempts) / (anchor
  size), e.g. 1.6x for a 60% cell of 5 tasks in 76.

Usage: ``python bench/adaptive_vs_uniform.py [--seeds 40] [--weak boundaries@rust=0.6 ...]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from agent.explore import propose
from agent.policy import (
    PolicyConfig,
    PolicyState,
    add_task,
    arm_of,
    choose,
    is_flagged,
    new_state,
    observe,
    rng_for,
)
from agent.state import real_mutators
from assistants.sim import Profile, _unit, load_profile
from codecanary.tasks import load_suite
from codecanary.types import Task

ROOT = Path(__file__).resolve().parent.parent
SUITE = [ROOT / "seed_tasks", ROOT / "tests" / "fixtures" / "mini_suite",
         ROOT / "tests" / "fixtures" / "lang_suite"]
NIGHT = "2026-01-01"
CAP = 4000
BATCH = 4


def fails(profile: Profile, task: Task, sample: int) -> bool:
    """The simulator's decision: does this answer carry a fault?"""
    u, _ = _unit(profile.seed, task.id, sample, NIGHT)
    return u < profile.rate(task.area, task.language, NIGHT)


class Judge:
    """Checks the verdict after every attempt; remembers when the weak cell is flagged."""

    def __init__(self, weak: str, cfg: PolicyConfig) -> None:
        self.weak, self.cfg = weak, cfg
        self.arms: dict[str, list[int]] = {}
        self.attempts = 0
        self.false_lead = False
        self.found: int | None = None

    def see(self, arm: str, failed: bool) -> bool:
        c = self.arms.setdefault(arm, [0, 0])
        c[0 if failed else 1] += 1
        self.attempts += 1
        if is_flagged(c, self.cfg):
            if arm == self.weak:
                self.found = self.attempts
                return True
            self.false_lead = True
        return self.attempts >= CAP


def uniform(tasks: list[Task], profile: Profile, weak: str, seed: int,
            cfg: PolicyConfig, anchor: bool = False) -> Judge:
    """Uniform sampling; with ``anchor``, after the same anchor pass as the campaign."""
    rng = random.Random(f"uniform|{seed}")
    judge = Judge(weak, cfg)
    next_sample = dict.fromkeys((t.id for t in tasks), 0)
    if anchor:
        for t in sorted(tasks, key=lambda t: t.id):
            next_sample[t.id] = 1
            if judge.see(arm_of(t), fails(profile, t, 0)):
                return judge
    while True:
        t = rng.choice(tasks)
        s = next_sample[t.id]
        next_sample[t.id] += 1
        if judge.see(arm_of(t), fails(profile, t, s)):
            return judge


def adaptive(tasks: list[Task], profile: Profile, weak: str, seed: int,
             cfg: PolicyConfig) -> tuple[Judge, int]:
    """The campaign's anchor suite, then rounds of ``choose`` + ``propose``."""
    judge = Judge(weak, cfg)
    by_id = {t.id: t for t in tasks}
    deps = SimpleNamespace(tasks=by_id, mutators=real_mutators)
    state: PolicyState = new_state()
    for t in tasks:
        add_task(state, t)
    generated = 0

    def attempt(t: Task, s: int) -> bool:
        failed = fails(profile, t, s)
        observe(state, t.id, s, not failed)
        return judge.see(arm_of(t), failed)

    for t in sorted(tasks, key=lambda t: t.id):  # the anchor suite, in full, first
        if attempt(t, 0):
            return judge, generated
    rnd = 0
    while True:
        requests = choose(state, rng_for(seed, "plan", rnd), BATCH, cfg)
        taken = set(state["tasks"])
        for i, req in enumerate(requests):
            cell = [t for t in sorted(state["tasks"]) if state["tasks"][t]["arm"] == req["arm"]]
            p: dict[str, Any] = propose(deps, req, seed, rnd, i, taken,  # type: ignore[arg-type]
                                        cell)
            if p["task"] is not None:  # the gate is assumed to accept (see the docstring)
                from agent.state import task_from_store

                child = task_from_store(p["task"])
                by_id[child.id] = child
                add_task(state, child, depth=state["tasks"][req["source"]]["depth"] + 1)
                generated += 1
                target, sample = child, 0
            else:
                target = by_id[req["source"]]
                sample = state["tasks"][target.id]["next_sample"]
            if attempt(target, sample):
                return judge, generated
        rnd += 1


def _after(j: Judge, anchor: int) -> int:
    """Attempts after the anchor suite until the weak cell was flagged (0 if during it)."""
    found = j.found or CAP
    return found - min(anchor, found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=40)
    ap.add_argument("--weak", action="append", default=None,
                    help="hidden weak cell and its fault rate, e.g. boundaries@rust=0.6 "
                         "(repeat for several scenarios)")
    args = ap.parse_args()
    tasks, errors = load_suite(SUITE)
    cells = sorted({arm_of(t) for t in tasks})
    print(f"suite: {len(tasks)} tasks in {len(cells)} cells ({len(errors)} skipped); "
          f"{args.seeds} seeds; flag: P(failure rate > 30%) >= 95%, n >= 5; cap {CAP}")
    rules = {"exceedance": PolicyConfig(), "thompson": PolicyConfig(rule="thompson")}
    base = load_profile("baseline")
    for spec in args.weak or ["null-handling@rust=0.6", "null-handling@rust=0.45",
                              "contextual-amnesia@rust=0.6"]:
        weak, rate = spec.split("=")
        n_weak = sum(arm_of(t) == weak for t in tasks)
        started = time.monotonic()
        first: dict[str, list[int]] = {k: [] for k in ("uniform", *rules)}
        after: dict[str, list[int]] = {k: [] for k in ("uniform", *rules)}
        false_leads = dict.fromkeys(first, 0)
        missed = dict.fromkeys(first, 0)
        generated = dict.fromkeys(rules, 0)
        for seed in range(args.seeds):
            profile = Profile(name="hidden", seed=1000 + seed, default=base.default,
                              rates={**base.rates, weak: float(rate)})
            runs = {"uniform": uniform(tasks, profile, weak, seed, rules["exceedance"])}
            after["uniform"].append(_after(uniform(tasks, profile, weak, seed,
                                                   rules["exceedance"], anchor=True), len(tasks)))
            for name, cfg in rules.items():
                runs[name], g = adaptive(tasks, profile, weak, seed, cfg)
                generated[name] += g
                after[name].append(_after(runs[name], len(tasks)))
            for name, j in runs.items():
                first[name].append(j.found or CAP)
                false_leads[name] += j.false_lead
                missed[name] += j.found is None
        print(f"\nhidden weakness {weak} at {float(rate):.0%} ({n_weak} of {len(tasks)} "
              f"tasks; elsewhere the baseline profile):")
        print("  attempts to flag it    from the first attempt    after the anchor suite"
              "   missed  false lead  generated")
        mean, median = statistics.mean, statistics.median
        for name in first:
            gen = f"{generated[name] / args.seeds:9.1f}" if name in generated else "        -"
            print(f"  {name:<12}  mean {mean(first[name]):7.1f} median "
                  f"{median(first[name]):5.0f}   mean {mean(after[name]):7.1f}"
                  f" median {median(after[name]):5.0f}   {missed[name]:6d}  "
                  f"{false_leads[name]:10d}  {gen}")
        for name in rules:
            r_first = mean(first["uniform"]) / mean(first[name])
            r_after = mean(after["uniform"]) / max(mean(after[name]), 1e-9)
            r_median = median(after["uniform"]) / max(median(after[name]), 1)
            print(f"  ratio uniform/{name}: from the first attempt {r_first:.2f}x (means), "
                  f"after the anchor {r_after:.2f}x (means), {r_median:.2f}x (medians)")
        print(f"  [{time.monotonic() - started:.1f}s]")


if __name__ == "__main__":
    main()
