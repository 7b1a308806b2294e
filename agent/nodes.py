"""The campaign's nodes: plain functions of (deps, state) returning partial state.

plan -> generate -> attempt -> execute -> review -> score -> plan ... -> report.
generate passes work through unchanged for now (task mutation plugs in there);
review classifies each failure and has the reviewers critique each answer.
"""

from __future__ import annotations

import dataclasses
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

from agent.state import (
    CampaignState,
    Deps,
    attempt_from_dict,
    attempt_to_dict,
    execution_from_dict,
    execution_to_dict,
)
from codecanary.failures import classify
from codecanary.summary import summarize
from codecanary.types import Attempt, Execution
from reviewers.anatomy import configured, dissect, run_reviewer
from reviewers.records import save_failure_detail as record_detail
from reviewers.records import save_review
from sandbox.base import SandboxError
from sandbox.runners import run_tests

log = logging.getLogger(__name__)


def plan(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Take the next round of work items, skipping any already recorded (resume)."""
    done = deps.store.done_keys(state["campaign_id"])
    pending = [item for item in state.get("pending", []) if (item[0], item[1]) not in done]
    return {"batch": pending[: deps.batch_size], "pending": pending[deps.batch_size:],
            "attempts": [], "executions": []}


def route_after_plan(state: CampaignState) -> Literal["generate", "report"]:
    """More work goes on to generate; an empty round ends the campaign."""
    return "generate" if state.get("batch") else "report"


def generate(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Task generation hook: the anchor suite passes through unchanged."""
    return {}


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
    reviewers = getattr(deps, "reviewers", None)
    if reviewers is None:
        reviewers = configured(deps.sandbox)
    attempts = [attempt_from_dict(d) for d in state["attempts"]]
    executions = [execution_from_dict(d) for d in state["executions"]]
    with ThreadPoolExecutor(max_workers=max(1, deps.workers)) as pool:
        done = list(pool.map(lambda ae: _review_one(deps, state["campaign_id"], reviewers, *ae),
                             zip(attempts, executions, strict=True)))
    return {"executions": [execution_to_dict(e) for e in done]}


def score(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Classify each execution and record attempt + execution in one transaction."""
    done = state.get("done", 0)
    for ad, ed in zip(state["attempts"], state["executions"], strict=True):
        a = attempt_from_dict(ad)
        e = execution_from_dict(ed)
        e = dataclasses.replace(e, failure_class=e.failure_class or classify(e, a))
        deps.store.record(state["campaign_id"], a, e)
        done += 1
        if deps.progress:
            deps.progress(done, state["total"], deps.tasks[a.task_id].name)
    return {"done": done, "attempts": [], "executions": []}


def report(deps: Deps, state: CampaignState) -> dict[str, Any]:
    """Summarise the night against the previous one and close the campaign."""
    summary = summarize(deps.store, state["campaign_id"])
    deps.store.finish_campaign(state["campaign_id"], "done", summary)
    return {"summary": summary}
