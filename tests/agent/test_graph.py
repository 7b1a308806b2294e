"""The LangGraph campaign runs end to end on a two-task suite with the real sandbox."""

from __future__ import annotations

from pathlib import Path

from agent.graph import build_graph, run_campaign
from agent.state import Deps
from assistants.sim import SimAssistant, parse_profile
from codecanary.store import Store
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox


def _deps(tmp_path: Path, sandbox: BwrapSandbox, tasks: list[Task], rate: float) -> Deps:
    store = Store(f"sqlite:///{tmp_path / 'g.db'}")
    store.save_tasks(tasks)
    sim = SimAssistant(parse_profile(f'name = "r{rate}"\ndefault = {rate}\n', "p.toml"))
    return Deps(store=store, sandbox=sandbox, assistant=sim, tasks={t.id: t for t in tasks},
                night="2026-01-01", batch_size=3)


def test_graph_has_the_campaign_nodes(tmp_path: Path, sandbox: BwrapSandbox,
                                      mini_tasks: list[Task]) -> None:
    graph = build_graph(_deps(tmp_path, sandbox, mini_tasks, 0.0))
    nodes = set(graph.get_graph().nodes)
    assert {"plan", "generate", "attempt", "execute", "review", "score", "report"} <= nodes


def test_campaign_records_every_attempt(tmp_path: Path, sandbox: BwrapSandbox,
                                        mini_tasks: list[Task]) -> None:
    deps = _deps(tmp_path, sandbox, mini_tasks, 0.0)
    seen: list[int] = []
    deps.progress = lambda done, total, _label: seen.append(done)
    cid = deps.store.start_campaign("nightly", "2026-01-01", "sim", deps.assistant.version, {})
    summary = run_campaign(deps, cid, samples=2)
    rows = deps.store.results(cid)
    assert len(rows) == 4 and all(r["passed"] for r in rows)
    assert seen == [1, 2, 3, 4]
    assert summary["attempts"] == 4 and summary["overall"]["rate"] == 1.0
    assert {c["language"] for c in summary["cells"]} == {"python", "rust"}
    assert deps.store.campaign(cid).status == "done"


def test_faulty_assistant_fails_and_is_classified(tmp_path: Path, sandbox: BwrapSandbox,
                                                  mini_tasks: list[Task]) -> None:
    deps = _deps(tmp_path, sandbox, mini_tasks, 1.0)
    cid = deps.store.start_campaign("nightly", "2026-01-01", "sim", deps.assistant.version, {})
    summary = run_campaign(deps, cid, samples=1)
    rows = deps.store.results(cid)
    assert len(rows) == 2 and not any(r["passed"] for r in rows)
    assert all(r["failure_class"] for r in rows)
    assert summary["overall"]["rate"] == 0.0


def test_resumed_campaign_skips_recorded_attempts(tmp_path: Path, sandbox: BwrapSandbox,
                                                  mini_tasks: list[Task]) -> None:
    deps = _deps(tmp_path, sandbox, mini_tasks, 0.0)
    cid = deps.store.start_campaign("nightly", "2026-01-01", "sim", deps.assistant.version, {})
    run_campaign(deps, cid, samples=1)
    run_campaign(deps, cid, samples=2)  # same campaign again: only the new samples run
    keys = sorted(deps.store.done_keys(cid))
    assert len(keys) == 4 and len(set(keys)) == 4
