"""The campaign's nodes: plain functions of (deps, state) returning partial state.

plan -> generate -> validate -> attempt -> execute -> review -> score -> plan ... -> report.
plan runs the anchor suite first, then asks the targeting policy (agent.policy)
where to explore; generate proposes children with the task mutators, validate
puts them through the gate (agent.explore); review classifies each failure and
has the reviewers critique each answer.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

from agent import explore, llm
from agent.policy import arm_report, choose, flagged, new_state, observe, rng_for
from agent.state import (
    CampaignState,
    Deps,
    attempt_from_dict,
    attempt_to_dict,
    execution_from_dict,
    execution_to_dict,
)
from codecanary.summary import summarize
from codecanary.types import Attempt, Execution
from reviewers.anatomy import DEFAULT_REVIEWERS, build_reviewers, dissect, run_reviewer
from reviewers.base import prepare_round
from reviewers.failures import classify
from reviewers.records import save_failure_detail as record_detail
from reviewers.records import save_review
from sandbox.base import SandboxError
from sandbox.runners import run_tests

log = logging.getLogger(__name__)


def plan(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """The next round: anchor items first (skipping any already recorded: resume), then,
    while budget is left, exploration requests chosen by the policy (agent.policy)."""
    done = deps.store.done_keys(state["campaign_id"])
    pending = [item for item in state.get("pending", []) if (item[0], item[1]) not in done]
    idle: dict[str, Any] = {"attempts": [], "executions": [], "requests": [], "proposals": []}
    if pending:
        n = deps.anchor_batch
        return idle | {"batch": pending[:n], "pending": pending[n:]}
    left = state.get("budget", 0) - len(done)
    if left <= 0 or not state.get("policy"):
        return idle | {"batch": [], "pending": []}
    rnd = state.get("round", 0)
    quota = min(deps.batch_size, left)
    n = max(1, quota // max(1, deps.policy.samples))
    requests = choose(state["policy"], rng_for(state.get("seed", 0), "plan", rnd), n,
                      deps.policy, state.get("focus") or None)
    return idle | {"batch": [], "pending": [], "requests": requests, "round": rnd + 1,
                   "quota": quota}


def route_after_plan(state: CampaignState) -> Literal["generate", "report"]:
    """More work goes on to generate; an empty round ends the campaign."""
    return "generate" if state.get("batch") or state.get("requests") else "report"


def generate(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Propose one child per exploration request (anchor rounds pass through unchanged):
    from the generator model on failures when there is one (agent.llm), else (or when its
    reply is rejected) from the task mutators of the cell (agent.explore)."""
    requests = state.get("requests") or []
    if not requests:
        return {}
    policy = state["policy"]
    taken = set(policy["tasks"]) | {e["id"] for e in state.get("lineage", [])}
    proposals = []
    for i, r in enumerate(requests):
        p = llm.propose(deps, state["campaign_id"], r, i, taken,
                        policy["tasks"][r["task"]]["depth"])
        if p is None or p["task"] is None:
            partners = [t for t in sorted(policy["tasks"]) if policy["tasks"][t]["arm"] == r["arm"]]
            q = explore.propose(deps, r, state.get("seed", 0), state["round"], i, taken,
                                partners)
            p = q if p is None else q | {k: p[k] for k in ("rejected", "error") if k in p}
        proposals.append(p)
    return {"proposals": proposals}


def validate(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Gate every proposal; the round's work is the accepted children and, for requests
    without one, another sample of their source. Nothing unvalidated is attempted."""
    requests = state.get("requests") or []
    if not requests:
        return {}
    policy = copy.deepcopy(state["policy"])
    lineage = list(state.get("lineage", []))
    fallbacks = dict(state.get("fallbacks", {}))
    known = explore.known_tasks(deps, policy)
    samples = max(1, deps.policy.samples)
    items: list[list[Any]] = []
    for p in state.get("proposals", []):
        req = requests[p["request"]]
        base = {"arm": req["arm"], "relation": req["relation"], "round": state["round"]}
        for r in p.get("rejected", []):  # generator replies that never became a task
            depth = policy["tasks"][r["parent"]]["depth"] + 1
            lineage.append(explore.record_unparsed(deps, r, base | {"depth": depth}))
        if "error" in p:
            fallbacks["generator error"] = fallbacks.get("generator error", 0) + 1
        if p["task"] is not None:
            mutation, ok, reason = explore.gate_proposal(deps, p, known)
            child = mutation.task
            depth = policy["tasks"][p.get("source", req["source"])]["depth"] + 1
            lineage.append(base | {"id": child.id, "name": child.name, "parent": child.parent,
                                   "operator": p["operator"], "params": p["params"],
                                   "depth": depth, "accepted": ok, "reason": reason})
            explore.record_lineage(deps, state["campaign_id"], mutation, ok, reason)
            if ok:
                explore.accept(deps, policy, child, depth)
                known.add(child)
                items += [[child.id, s] for s in range(samples)]
                continue
        src = policy["tasks"][req["source"]]
        items += [[req["source"], src["next_sample"] + s] for s in range(samples)]
        src["next_sample"] += samples
        why = "rejected by the gate" if p["task"] is not None else p.get("reason", "repeat")
        fallbacks[why] = fallbacks.get(why, 0) + 1
    return {"batch": items[: state.get("quota", len(items))], "policy": policy,
            "lineage": lineage, "proposals": [], "fallbacks": fallbacks}


def attempt(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Ask the assistant for an answer to every item of the round."""
    out = []
    for task_id, sample in state["batch"]:
        task = deps.tasks[task_id]
        try:
            a = deps.assistant.attempt(task, sample, deps.night)
        except Exception as exc:  # an adapter bug or outage is infra, not a model failure
            log.exception("assistant failed on %s", task.name)
            a = Attempt(task_id=task_id, assistant=deps.assistant.id,
                        version=deps.assistant.version, sample=sample, files={},
                        infra_error=f"{type(exc).__name__}: {exc}")
        out.append(attempt_to_dict(a))
    return {"attempts": out}


def _execute_one(deps: Deps, a: Attempt) -> Execution:
    if a.infra_error:
        return Execution(exit_code=-1, infra_error="not run: no answer")
    task = deps.tasks[a.task_id]
    last = ""
    for _ in range(1 + deps.sandbox_retries):
        try:
            e = run_tests(deps.sandbox, task, a.files)
        except SandboxError as exc:
            last = str(exc)
            continue
        if e.infra_error is None:
            return e
        last = e.infra_error
    return Execution(exit_code=-1, infra_error=f"sandbox: {last}")


def execute(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Run every answer's hidden tests in the sandbox, ``workers`` at a time."""
    attempts = [attempt_from_dict(d) for d in state["attempts"]]
    with ThreadPoolExecutor(max_workers=max(1, deps.workers)) as pool:
        results = list(pool.map(lambda a: _execute_one(deps, a), attempts))
    return {"executions": [execution_to_dict(e) for e in results]}


def _review_one(deps: Deps, cid: int, reviewers: list[Any], a: Attempt,
                e: Execution) -> Execution:
    task = deps.tasks[a.task_id]
    anatomy = dissect(task, a, e, lambda: _execute_one(deps, a))
    record_detail(deps.store, cid, a.task_id, a.sample,
                  failure_class=anatomy.execution.failure_class,
                  counterexample=anatomy.counterexample, evidence=anatomy.evidence,
                  reruns=anatomy.reruns)
    if not a.infra_error:
        for reviewer in reviewers:
            save_review(deps.store, cid, a.task_id, a.sample, run_reviewer(reviewer, task, a))
    return anatomy.execution


def review(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Classify each failure (re-running failing concurrency answers to tell a race) and
    have the configured reviewers critique each answer (see reviewers.anatomy)."""
    if deps.reviewers is None:  # deps built without a spec (tests, benchmarks): the default
        deps.reviewers = build_reviewers(DEFAULT_REVIEWERS, deps.sandbox)
    reviewers = deps.reviewers
    attempts = [attempt_from_dict(d) for d in state["attempts"]]
    executions = [execution_from_dict(d) for d in state["executions"]]
    prepare_round(reviewers, [a for a in attempts if not a.infra_error])
    with ThreadPoolExecutor(max_workers=max(1, deps.workers)) as pool:
        done = list(pool.map(lambda ae: _review_one(deps, state["campaign_id"], reviewers, *ae),
                             zip(attempts, executions, strict=True)))
    return {"executions": [execution_to_dict(e) for e in done]}


def score(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Classify each execution and record attempt + execution in one transaction; count
    each outcome in the policy. Items already recorded (a resumed round) are not stored
    twice, but still counted, so the policy ends up the same as in an uninterrupted run."""
    done = state.get("done", 0)
    recorded = deps.store.done_keys(state["campaign_id"])
    policy = copy.deepcopy(state.get("policy") or new_state())
    for ad, ed in zip(state["attempts"], state["executions"], strict=True):
        a = attempt_from_dict(ad)
        e = execution_from_dict(ed)
        e = dataclasses.replace(e, failure_class=e.failure_class or classify(e, a))
        if (a.task_id, a.sample) not in recorded:
            deps.store.record(state["campaign_id"], a, e)
        if a.task_id in policy["tasks"]:
            infra = a.infra_error or e.infra_error
            observe(policy, a.task_id, a.sample, None if infra else e.passed)
        done += 1
        if deps.progress:
            deps.progress(done, state["total"], deps.tasks[a.task_id].name)
    return {"done": done, "attempts": [], "executions": [], "policy": policy}


def report(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Summarise the night against the previous one and close the campaign; exploration
    adds its arms, weak spots, lineage and gate share per operator."""
    summary = summarize(deps.store, state["campaign_id"])
    if state.get("policy") and (state.get("budget") or state.get("mode") == "probe"):
        policy = state["policy"]
        lineage = state.get("lineage", [])
        summary["exploration"] = {
            "mode": state.get("mode", "nightly"), "budget": state.get("budget", 0),
            "seed": state.get("seed", 0), "rounds": state.get("round", 0),
            "focus": state.get("focus", []), "flag_rate": deps.policy.flag_rate,
            "flag_confidence": deps.policy.flag_confidence,
            "flagged": flagged(policy, deps.policy), "arms": arm_report(policy, deps.policy),
            "tasks": policy["tasks"], "lineage": lineage,
            "fallbacks": state.get("fallbacks", {}),
            "generator": deps.llm.generator.id if deps.llm is not None else None,
            "operators": explore.operator_shares(lineage)}
    deps.store.finish_campaign(state["campaign_id"], "done", summary)
    return {"summary": summary}
