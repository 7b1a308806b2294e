"""The targeting policy: posteriors, Thompson choices, sibling/child/repeat, the flag verdict."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter

import pytest

from agent.policy import (
    PolicyConfig,
    add_task,
    arm_report,
    choose,
    fail_probability_above,
    flagged,
    new_state,
    observe,
    rng_for,
)
from codecanary.types import Task

CFG = PolicyConfig()


def _task(tid: str, area: str = "null-handling", language: str = "python",
          parent: str | None = None) -> Task:
    return Task(id=tid, name=f"t-{tid}", title=tid, language=language,  # type: ignore[arg-type]
                kind="implement", weakness=(area,), prompt="p", entry_point="s.py",
                workspace={}, reference={"s.py": ""}, tests={"t.py": ""}, parent=parent)


def _outcomes(state: dict, tid: str, fails: int, passes: int) -> None:
    s = state["tasks"][tid]["next_sample"]
    for i in range(passes):
        observe(state, tid, s + i, True)
    for i in range(fails):
        observe(state, tid, s + passes + i, False)


def test_posterior_tail_is_exact() -> None:
    # Beta(1, 1) is uniform: P(X > 0.3) = 0.7; Beta(2, 1) has cdf x^2: P(X > 0.3) = 0.91
    assert fail_probability_above(0, 0, 0.3, CFG) == pytest.approx(0.7)
    assert fail_probability_above(1, 0, 0.3, CFG) == pytest.approx(0.91)
    # Beta(1, 2) has cdf 1 - (1 - x)^2: P(X > 0.3) = 0.49
    assert fail_probability_above(0, 1, 0.3, CFG) == pytest.approx(0.49)
    # against a Monte Carlo estimate for a larger posterior
    rng = random.Random(7)
    draws = [rng.betavariate(1 + 6, 1 + 4) > 0.3 for _ in range(40000)]
    assert fail_probability_above(6, 4, 0.3, CFG) == pytest.approx(sum(draws) / 40000, abs=0.01)


def test_observe_counts_outcomes_and_skips_infra_errors() -> None:
    state = new_state()
    add_task(state, _task("a"))
    observe(state, "a", 0, False)
    observe(state, "a", 1, True)
    observe(state, "a", 5, None)  # infra error: no outcome, but the sample is used up
    t = state["tasks"]["a"]
    assert (t["fails"], t["passes"], t["last"], t["next_sample"]) == (1, 1, "pass", 6)
    assert state["arms"]["null-handling@python"] == [1, 1]


def test_choices_are_deterministic_per_seed() -> None:
    state = new_state()
    for i, area in enumerate(("null-handling", "concurrency", "boundaries")):
        add_task(state, _task(str(i), area))
        _outcomes(state, str(i), 1, 2)
    a = choose(state, rng_for(3, "plan", 0), 8, CFG)
    b = choose(state, rng_for(3, "plan", 0), 8, CFG)
    c = choose(state, rng_for(4, "plan", 0), 8, CFG)
    assert a == b
    assert a != c


def test_the_budget_goes_where_the_assistant_fails() -> None:
    state = new_state()
    add_task(state, _task("weak", "null-handling", "rust"))
    for i in range(6):
        add_task(state, _task(f"ok{i}", "boundaries", "python"))
        _outcomes(state, f"ok{i}", 0, 3)
    add_task(state, _task("new", "concurrency", "python"))
    _outcomes(state, "new", 0, 1)
    _outcomes(state, "weak", 3, 1)  # likely weak, not yet flagged: it takes the budget
    arms = Counter(r["arm"] for r in choose(state, rng_for(1, "plan", 0), 200, CFG))
    assert arms == {"null-handling@rust": 200}, arms
    # once flagged, deepen_share of the budget stays there and the rest hunts elsewhere,
    # first in the arm seen once (P(rate > 30%) = 0.49) before the arm seen 18 times
    _outcomes(state, "weak", 2, 0)
    assert flagged(state, CFG) == ["null-handling@rust"]
    arms = Counter(r["arm"] for r in choose(state, rng_for(1, "plan", 1), 200, CFG))
    assert 60 < arms["null-handling@rust"] < 140 and arms["concurrency@python"] > 60, arms
    # the Thompson rule spreads its draws: the uncertain arm gets a few even in one round
    thompson = dataclasses.replace(CFG, rule="thompson")
    state2 = new_state()
    for tid, area, f, p in (("w", "null-handling", 3, 1), ("n", "concurrency", 0, 1)):
        add_task(state2, _task(tid, area))
        _outcomes(state2, tid, f, p)
    arms = Counter(r["arm"] for r in choose(state2, rng_for(1, "plan", 3), 200, thompson))
    assert arms["null-handling@python"] > 100 and arms["concurrency@python"] > 0, arms


def test_an_arm_that_keeps_passing_gives_way_to_an_uncertain_one() -> None:
    state = new_state()
    add_task(state, _task("lead", "null-handling", "rust"))
    add_task(state, _task("new", "concurrency", "python"))
    _outcomes(state, "new", 0, 1)
    _outcomes(state, "lead", 1, 0)
    picks = []
    for rnd in range(6):  # the leader passes every attempt from now on
        (req,) = choose(state, rng_for(0, "plan", rnd), 1, CFG)
        picks.append(req["arm"])
        tid = req["task"]
        observe(state, tid, state["tasks"][tid]["next_sample"], True)
    assert picks[0] == "null-handling@rust" and "concurrency@python" in picks, picks


def test_failure_asks_for_siblings_pass_for_a_deeper_child() -> None:
    state = new_state()
    seed, child = _task("seed"), _task("child", parent="seed")
    add_task(state, seed)
    add_task(state, child, depth=1)
    _outcomes(state, "seed", 0, 1)
    _outcomes(state, "child", 1, 0)
    reqs = {r["task"]: r for r in choose(state, rng_for(0, "plan", 0), 50, CFG)}
    assert reqs["child"]["relation"] == "sibling" and reqs["child"]["source"] == "seed"
    assert reqs["seed"]["relation"] == "child" and reqs["seed"]["source"] == "seed"
    # a failing seed has no parent: its siblings are new children of the seed itself
    _outcomes(state, "seed", 1, 0)
    reqs = {r["task"]: r for r in choose(state, rng_for(0, "plan", 1), 50, CFG)}
    assert reqs["seed"] == {"arm": "null-handling@python", "task": "seed",
                            "relation": "sibling", "source": "seed"}


def test_deepest_passing_task_gets_siblings_and_unseen_tasks_are_repeated() -> None:
    cfg = dataclasses.replace(CFG, max_depth=1)
    state = new_state()
    add_task(state, _task("seed"))
    add_task(state, _task("deep", parent="seed"), depth=1)
    add_task(state, _task("fresh"))
    _outcomes(state, "seed", 0, 1)
    _outcomes(state, "deep", 0, 1)
    reqs = {r["task"]: r for r in choose(state, rng_for(0, "plan", 0), 60, cfg)}
    assert reqs["deep"]["relation"] == "sibling"
    assert reqs["fresh"]["relation"] == "repeat"


def test_choice_stays_inside_the_focus() -> None:
    state = new_state()
    add_task(state, _task("a", "null-handling", "python"))
    add_task(state, _task("b", "concurrency", "python"))
    _outcomes(state, "b", 5, 0)
    reqs = choose(state, rng_for(0, "plan", 0), 20, CFG, arms=["null-handling@python"])
    assert {r["arm"] for r in reqs} == {"null-handling@python"}
    assert choose(state, rng_for(0, "plan", 0), 3, CFG, arms=["security@java"]) == []


def test_flag_needs_enough_evidence_of_a_high_failure_rate() -> None:
    state = new_state()
    add_task(state, _task("w", "null-handling", "rust"))
    add_task(state, _task("o", "boundaries", "python"))
    _outcomes(state, "w", 3, 0)  # 3 of 3 failed, but fewer than flag_min_n outcomes
    _outcomes(state, "o", 2, 8)
    assert flagged(state, CFG) == []
    _outcomes(state, "w", 2, 1)  # 5 of 6 failed
    assert flagged(state, CFG) == ["null-handling@rust"]
    rows = {r["arm"]: r for r in arm_report(state, CFG)}
    assert rows["null-handling@rust"]["flagged"] and not rows["boundaries@python"]["flagged"]
    assert rows["boundaries@python"]["p_above"] < 0.5
