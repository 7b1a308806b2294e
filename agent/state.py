"""Campaign state carried between graph nodes, and its (de)serialisation.

State holds only JSON-friendly values (ids, dicts) so that LangGraph can
checkpoint it; tasks and the database are reached through injected deps.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypedDict

from assistants.base import Assistant
from codecanary.store import Store
from codecanary.types import Attempt, Execution, Task, TestOutcome
from sandbox.base import Sandbox


class CampaignState(TypedDict, total=False):
    """What flows through the graph.

    pending: [task id, sample] work items not yet planned.
    batch: the items of the current round.
    attempts / executions: the round's answers and their test runs (as dicts).
    done / total: progress over the campaign.
    summary: the night's results, filled in by the report node.
    """

    campaign_id: int
    pending: list[list[Any]]
    batch: list[list[Any]]
    attempts: list[dict[str, Any]]
    executions: list[dict[str, Any]]
    done: int
    total: int
    summary: dict[str, Any]


ProgressFn = Callable[[int, int, str], None]


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
