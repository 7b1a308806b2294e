"""Campaign state carried between graph nodes, and its (de)serialisation.

State holds only JSON-friendly values (ids, dicts) so that LangGraph can
checkpoint it; tasks and the database are reached through injected deps.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict

from agent.policy import PolicyConfig
from assistants.base import Assistant
from codecanary.store import Store
from codecanary.task_json import task_from_json
from codecanary.types import Attempt, Execution, Task, TestOutcome
from sandbox.base import Sandbox


class CampaignState(TypedDict, total=False):
    """What flows through the graph.

    pending: [task id, sample] work items not yet planned.
    batch: the items of the current round.
    attempts / executions: the round's answers and their test runs (as dicts).
    done / total: progress over the campaign.
    summary: the night's results, filled in by the report node.

    Exploration (issue 6; see agent.policy):
    mode: "nightly" (anchor suite, then exploration) or "probe" (exploration only).
    budget: total attempts of the campaign, anchor included (0: anchor suite only).
    seed: every random choice is a hash of (seed, round, ...), so a resumed run repeats it.
    round: exploration rounds planned so far.
    focus: the arms ("weakness@language") exploration may choose; empty: all.
    policy: the bandit's counts (agent.policy.PolicyState).
    requests: what plan asked generate for this round (arm, task, relation, source).
    proposals: the candidate children of this round (task JSON, operator, params) or none.
    quota: attempts this exploration round may spend.
    lineage: every generated candidate of the campaign, accepted or rejected with reasons.
    fallbacks: why requests were served by another sample of their source -> how often.
    """

    campaign_id: int
    pending: list[list[Any]]
    batch: list[list[Any]]
    attempts: list[dict[str, Any]]
    executions: list[dict[str, Any]]
    done: int
    total: int
    summary: dict[str, Any]
    mode: str
    budget: int
    seed: int
    round: int
    focus: list[str]
    policy: dict[str, Any]
    requests: list[dict[str, Any]]
    proposals: list[dict[str, Any]]
    quota: int
    lineage: list[dict[str, Any]]
    fallbacks: dict[str, int]


ProgressFn = Callable[[int, int, str], None]
MutatorsFn = Callable[[str, str], Sequence[Any]]
"""(weakness, language) -> the task mutators (generators.mutators.TaskMutator) of that cell."""
GateFn = Callable[..., Any]
"""(sandbox, mutation, known) -> generators.gate.GateResult."""


def real_mutators(weakness: str, language: str) -> Sequence[Any]:
    """The registered task mutators of a cell (imported on first use)."""
    from generators.mutators import mutators_for

    return list(mutators_for(weakness, language))


def real_gate(sandbox: Sandbox, mutation: Any, known: Any) -> Any:
    """The validation gate of generated tasks (imported on first use)."""
    from generators.gate import gate

    return gate(sandbox, mutation, known)


class TaskCache(dict[str, Task]):
    """The campaign's tasks by id; a task not in memory is read from the store.

    A resumed campaign starts with none of its generated tasks loaded: they come
    back from the tasks table (content-addressed, so the id proves the content).
    """

    def __init__(self, store: Store, tasks: dict[str, Task] | None = None) -> None:
        super().__init__(tasks or {})
        self.store = store

    def __missing__(self, task_id: str) -> Task:
        task = self.store.task(task_id)
        if task is None:
            raise KeyError(task_id)
        self[task_id] = task
        return task


def task_from_store(data: dict[str, Any]) -> Task:
    """The task of a tasks-table row's ``data`` or a proposal's ``task`` (the one codec,
    :func:`codecanary.task_json.task_from_json`, trusting the recorded id)."""
    return task_from_json(data, check_id=False)


@dataclass
class Deps:
    """Everything the nodes use, injected (never global)."""

    store: Store
    sandbox: Sandbox
    assistant: Assistant
    tasks: dict[str, Task]
    night: str
    workers: int = 2
    batch_size: int = 4
    sandbox_retries: int = 2
    progress: ProgressFn | None = None
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    mutators: MutatorsFn = real_mutators
    gate: GateFn = real_gate
    llm: Any = None
    """generators.llm_mutator.LLMMutator asked first on failures (agent.llm), or None."""
    reviewers: list[Any] | None = None
    """The reviewers (reviewers.base.Reviewer) critiquing every answer, built from the
    campaign's spec (agent.opening); None: the default set, built on first use."""

    @property
    def anchor_batch(self) -> int:
        """Anchor items per round: enough to keep every worker busy between checkpoints.

        Exploration rounds stay at ``batch_size`` (each round's choices use the last
        round's outcomes); anchor rounds choose nothing, so bigger rounds only save
        per-round overhead and idle workers at a round's end.
        """
        return max(self.batch_size, 4 * self.workers)


def attempt_to_dict(a: Attempt) -> dict[str, Any]:
    """An attempt as a plain dict."""
    return dataclasses.asdict(a)


def attempt_from_dict(d: dict[str, Any]) -> Attempt:
    """Inverse of :func:`attempt_to_dict`."""
    return Attempt(**d)


def execution_to_dict(e: Execution) -> dict[str, Any]:
    """An execution as a plain dict."""
    return dataclasses.asdict(e)


def execution_from_dict(d: dict[str, Any]) -> Execution:
    """Inverse of :func:`execution_to_dict`."""
    fields = dict(d)
    fields["tests"] = tuple(TestOutcome(**t) for t in d.get("tests", ()))
    fields["diagnostics"] = tuple(d.get("diagnostics", ()))
    return Execution(**fields)
