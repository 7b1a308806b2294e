"""The campaign as a LangGraph StateGraph, with its dependencies injected.

A campaign checkpoints after every node through the LangGraph SQLite
checkpointer (thread id = campaign id, durability ``sync``): after a crash,
even ``kill -9``, :func:`resume_campaign` continues from the last finished node.
No attempt is lost or done twice: a node interrupted mid-way runs again from
its input, every random choice is a hash of the campaign seed and the round
(agent.policy.rng_for), and attempts already stored (unique per campaign, task,
sample) are never stored again.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph import END, START, StateGraph

from agent import nodes
from agent.policy import add_task, new_state
from agent.state import CampaignState, Deps

NODES = ("plan", "generate", "validate", "attempt", "execute", "review", "score", "report")


def build_graph(deps: Deps, checkpointer: Any = None) -> Any:
    """Compile plan -> generate -> validate -> attempt -> execute -> review -> score -> plan,
    and plan -> report once the work and the budget are spent."""
    g: StateGraph[CampaignState] = StateGraph(CampaignState)
    for name in NODES:
        g.add_node(name, functools.partial(getattr(nodes, name), deps))
    g.add_edge(START, "plan")
    g.add_conditional_edges("plan", nodes.route_after_plan, ["generate", "report"])
    g.add_edge("generate", "validate")
    g.add_edge("validate", "attempt")
    g.add_edge("attempt", "execute")
    g.add_edge("execute", "review")
    g.add_edge("review", "score")
    g.add_edge("score", "plan")
    g.add_edge("report", END)
    return g.compile(checkpointer=checkpointer)


@contextmanager
def sqlite_checkpointer(path: str) -> Iterator[SqliteSaver]:
    """A LangGraph SqliteSaver on the file ``path`` (created when missing)."""
    conn = sqlite3.connect(path, check_same_thread=False, timeout=60)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        yield SqliteSaver(conn)
    finally:
        conn.close()


def initial_state(deps: Deps, campaign_id: int, samples: int, budget: int = 0, seed: int = 0,
                  mode: str = "nightly", focus: list[str] | None = None,
                  anchor: list[str] | None = None) -> CampaignState:
    """The state a campaign starts from.

    nightly: every anchor task (default: all of ``deps.tasks``) x ``samples``, then
    exploration up to ``budget`` attempts in all. probe: no anchor; the policy
    starts from the tasks of the ``focus`` arms.
    """
    ids = sorted(anchor if anchor is not None else deps.tasks)
    policy = new_state()
    for tid in ids:
        task = deps.tasks[tid]
        if not focus or f"{task.area}@{task.language}" in focus:
            add_task(policy, task, next_sample=samples if mode == "nightly" else 0)
    pending = [[tid, s] for tid in ids for s in range(samples)] if mode == "nightly" else []
    return {"campaign_id": campaign_id, "pending": pending, "done": 0,
            "total": max(len(pending), budget), "mode": mode, "budget": budget, "seed": seed,
            "round": 0, "focus": list(focus or []), "policy": policy, "lineage": []}


def _limit(state: CampaignState, batch_size: int) -> int:
    rounds = len(state.get("pending", [])) // max(1, batch_size) + state.get("budget", 0) + 2
    return len(NODES) * rounds + 10


def _config(campaign_id: int, limit: int) -> dict[str, Any]:
    return {"configurable": {"thread_id": str(campaign_id)}, "recursion_limit": limit}


def run_campaign(deps: Deps, campaign_id: int, samples: int, budget: int = 0, seed: int = 0,
                 mode: str = "nightly", focus: list[str] | None = None,
                 checkpointer: Any = None) -> dict[str, Any]:
    """Run a campaign to the end and return its summary (see :func:`initial_state`)."""
    start = initial_state(deps, campaign_id, samples, budget, seed, mode, focus)
    graph = build_graph(deps, checkpointer)
    kw: dict[str, Any] = {"durability": "sync"} if checkpointer is not None else {}
    final = graph.invoke(start, config=_config(campaign_id, _limit(start, deps.batch_size)),
                         **kw)
    summary: dict[str, Any] = final["summary"]
    return summary


def resume_campaign(deps: Deps, campaign_id: int, checkpointer: Any,
                    start: CampaignState) -> dict[str, Any]:
    """Continue campaign ``campaign_id`` from its last checkpoint (from ``start`` when the
    run died before its first one) and return its summary."""
    graph = build_graph(deps, checkpointer)
    config = _config(campaign_id, _limit(start, deps.batch_size))
    snapshot = graph.get_state(config)
    if not snapshot.values:
        final = graph.invoke(start, config=config, durability="sync")
    elif snapshot.next:
        final = graph.invoke(None, config=config, durability="sync")
    else:  # the graph had finished; only closing the campaign may be missing
        final = dict(snapshot.values)
        if "summary" not in final:
            final = nodes.report(deps, snapshot.values)
    summary: dict[str, Any] = final["summary"]
    return summary
