"""The campaign as a LangGraph StateGraph, with its dependencies injected."""

from __future__ import annotations

import functools
from typing import Any

from langgraph.graph import END, START, StateGraph

from agent import nodes
from agent.state import CampaignState, Deps


def build_graph(deps: Deps, checkpointer: Any = None) -> Any:
    """Compile plan -> generate -> attempt -> execute -> review -> score -> plan | report."""
    g: StateGraph[CampaignState] = StateGraph(CampaignState)
    for name in ("plan", "generate", "attempt", "execute", "review", "score", "report"):
        g.add_node(name, functools.partial(getattr(nodes, name), deps))
    g.add_edge(START, "plan")
    g.add_conditional_edges("plan", nodes.route_after_plan, ["generate", "report"])
    g.add_edge("generate", "attempt")
    g.add_edge("attempt", "execute")
    g.add_edge("execute", "review")
    g.add_edge("review", "score")
    g.add_edge("score", "plan")
    g.add_edge("report", END)
    return g.compile(checkpointer=checkpointer)


def run_campaign(deps: Deps, campaign_id: int, samples: int) -> dict[str, Any]:
    """Run the anchor suite (every task x ``samples``) to the end; return the summary."""
    pending = [[tid, s] for tid in sorted(deps.tasks) for s in range(samples)]
    graph = build_graph(deps)
    steps = 6 * (len(pending) // max(1, deps.batch_size) + 2) + 10
    final = graph.invoke(
        {"campaign_id": campaign_id, "pending": pending, "done": 0, "total": len(pending)},
        config={"recursion_limit": steps},
    )
    summary: dict[str, Any] = final["summary"]
    return summary
