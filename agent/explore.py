"""Exploration steps behind the generate and validate nodes, and the campaign's lineage log.

generate: for every request of the round, pick a task mutator of the request's
cell with a seeded random generator and propose one child of the source task
(nothing runs: proposing is a pure transformation). validate: put every
proposal through the gate; an accepted child joins the tasks table, the policy
and the round's work, a rejected one is logged with the gate's reason and the
request falls back to another sample of its (already valid) source task.

Every candidate ends up in the campaign's ``lineage`` list (JSON, checkpointed,
and in the summary's ``exploration`` section): id, name, parent, operator and
params, arm, relation, round, depth, accepted, reason.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

from agent.policy import PolicyState, add_task, rng_for
from agent.state import Deps, task_from_store
from codecanary.store import task_to_json
from codecanary.types import Task

log = logging.getLogger(__name__)


def propose(deps: Deps, request: dict[str, Any], seed: int, rnd: int, index: int,
            taken: set[str], partners: Sequence[str] = ()) -> dict[str, Any]:
    """One proposal for ``request``: ``{"request", "task", "operator", "params"}``.

    ``task`` is None for a ``repeat`` or when no operator of the cell gives a new
    child (``reason`` says why). Operators are tried in a seeded random order. An
    operator that composes two parents (``pairs``) gets a partner drawn from
    ``partners`` (the campaign's tasks of the cell; the source itself excluded).
    """
    base: dict[str, Any] = {"request": index, "task": None, "operator": None, "params": {}}
    if request["relation"] == "repeat":
        return base | {"reason": "repeat"}
    parent = deps.tasks[request["source"]]
    weakness, language = request["arm"].split("@", 1)
    ops = sorted(deps.mutators(weakness, language), key=lambda m: str(m.name))
    rng = rng_for(seed, "generate", rnd, index)
    rng.shuffle(ops)
    others = [t for t in partners if t != parent.id]
    for op in ops:
        try:
            if getattr(op, "pairs", False):
                mutation = (op.pair(parent, deps.tasks[rng.choice(others)], rng)
                            if others else None)
            else:
                mutation = op.propose(parent, rng)
        except Exception as exc:  # an operator bug must not stop the campaign
            log.warning("operator %s failed on %s: %s", op.name, parent.name, exc)
            continue
        if mutation is None or mutation.task.id in taken:
            continue
        taken.add(mutation.task.id)
        return base | {"task": task_to_json(mutation.task), "operator": mutation.operator,
                       "params": dict(mutation.params)}
    reason = "no operator applies" if ops else f"no task mutator for {request['arm']}"
    return base | {"reason": reason}


def known_tasks(deps: Deps, policy: PolicyState) -> Any:
    """The index (generators.gate.KnownTasks) of what a new child must not duplicate:
    every task of this campaign (anchor or probe seeds, and accepted children)."""
    from generators.gate import KnownTasks

    return KnownTasks(deps.tasks[tid] for tid in sorted(policy["tasks"]))


def gate_proposal(deps: Deps, proposal: dict[str, Any], known: Any) -> tuple[Any, bool, str]:
    """Run the gate on one proposal: (the Mutation, accepted, reason)."""
    from generators.mutators.base import Mutation

    child = task_from_store(proposal["task"])
    mutation = Mutation(child, proposal["operator"], dict(proposal["params"]))
    try:
        result = deps.gate(deps.sandbox, mutation, known)
    except Exception as exc:  # a gate crash rejects the child; it never lets it through
        log.exception("gate failed on %s", child.name)
        return mutation, False, f"gate error: {type(exc).__name__}: {exc}"
    return mutation, bool(result.accepted), str(result.reason)


def accept(deps: Deps, policy: PolicyState, child: Task, depth: int) -> None:
    """A gated child joins the tasks table, the task cache and the policy."""
    deps.store.save_tasks([child])
    deps.tasks[child.id] = child
    add_task(policy, child, depth=depth)


def operator_shares(lineage: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per operator: children proposed, accepted by the gate, and the accepted share."""
    proposed: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    for entry in lineage:
        proposed[entry["operator"]] += 1
        accepted[entry["operator"]] += bool(entry["accepted"])
    return {op: {"proposed": n, "accepted": accepted[op], "share": accepted[op] / n}
            for op, n in sorted(proposed.items())}


def record_unparsed(deps: Deps, rejected: dict[str, Any], entry: dict[str, Any]
                    ) -> dict[str, Any]:
    """Keep a generator reply that never became a task (agent.llm) in the store's lineage
    graph and return its campaign-log entry (``entry`` gives arm, relation, round, depth)."""
    from codecanary.lineage import record_rejected, rejected_name

    cid = record_rejected(deps.store, rejected["parent"], "llm", {}, rejected["reason"],
                          rejected["raw"] or rejected["reason"])
    return entry | {"id": cid, "name": rejected_name(cid), "parent": rejected["parent"],
                    "operator": "llm", "params": {}, "accepted": False,
                    "reason": rejected["reason"]}


def record_lineage(deps: Deps, campaign_id: int, mutation: Any, accepted: bool,
                   reason: str) -> None:
    """Persist one gated candidate, accepted or rejected with its reason, in the store's
    lineage graph (codecanary.lineage.record_child; recording twice keeps the first)."""
    try:
        from codecanary.lineage import record_child
    except ImportError:  # the lineage graph is optional; the campaign log has the record
        log.debug("codecanary.lineage unavailable: candidate %s kept in the campaign log only",
                  mutation.task.name)
        return
    parent = deps.tasks[mutation.task.parent] if mutation.task.parent else None
    partner = mutation.params.get("partner")
    record_child(deps.store, mutation.task, dict(mutation.params), accepted, reason,
                 parent=parent, partner=deps.tasks[partner] if partner else None)
