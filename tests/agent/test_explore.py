"""Exploration through the real graph, sandbox and gate, on the Rust task of the mini suite.

The seed suite has no Rust ``boundaries`` operator, so two small operators are
defined here (real implementations of the TaskMutator protocol, built with
generators.mutators.derive): one adds a property test at a random size (a
genuinely new task the gate accepts), the other only rewords the prompt (a
near-duplicate the real gate rejects). Everything else is the real campaign:
bubblewrap sandbox, gate with three reference runs and automatic mutants, SQLite.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from agent.graph import build_graph, resume_campaign, run_campaign, sqlite_checkpointer
from agent.graph import initial_state as start_state
from agent.state import Deps, TaskCache
from assistants.sim import SimAssistant, parse_profile
from codecanary.store import Store
from codecanary.types import Task
from generators.mutators import Mutation, derive
from sandbox.bwrap import BwrapSandbox


class ExtraSize:
    """Adds a test of sum_to at a size drawn from ``rng`` (a new, valid task)."""

    name = "test/extra-size"
    weakness = ("boundaries",)
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        n = rng.randrange(1000, 100000)
        extra = (f"\n#[test]\nfn extra_size_{n}() {{\n"
                 f"    assert_eq!(sum_to({n}), {n * (n + 1) // 2});\n}}\n")
        tests = {k: v + extra if k == "tests.rs" else v for k, v in parent.tests.items()}
        return derive(parent, self.name, {"n": n}, tests=tests)


class Reword:
    """Only rewords the prompt: the same code, so the gate rejects it as a near-duplicate."""

    name = "test/reword"
    weakness = ("boundaries",)
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        return derive(parent, self.name, {}, prompt=parent.prompt + f"\nPlease ({rng.random()}).")


def _deps(tmp_path: Path, sandbox: BwrapSandbox, task: Task, ops: list[Any], rate: float = 0.5,
          name: str = "x") -> Deps:
    store = Store(f"sqlite:///{tmp_path / f'{name}.db'}")
    store.save_tasks([task])
    sim = SimAssistant(parse_profile(f'name = "r"\nseed = 3\ndefault = {rate}\n', "p.toml"))
    return Deps(store=store, sandbox=sandbox, assistant=sim, tasks=TaskCache(store, {
        task.id: task}), night="2026-01-01", batch_size=2,
        mutators=lambda w, lang: ops if (w, lang) == ("boundaries", "rust") else [])


def _attempted(store: Store, cid: int) -> list[tuple[str, int]]:
    return sorted(store.done_keys(cid))


def test_nodes_include_validate(tmp_path: Path, sandbox: BwrapSandbox, rust_task: Task) -> None:
    graph = build_graph(_deps(tmp_path, sandbox, rust_task, []))
    assert {"plan", "generate", "validate", "attempt", "score", "report"} <= set(
        graph.get_graph().nodes)


def test_budget_is_spent_on_gated_children(tmp_path: Path, sandbox: BwrapSandbox,
                                           rust_task: Task) -> None:
    deps = _deps(tmp_path, sandbox, rust_task, [ExtraSize()])
    cid = deps.store.start_campaign("nightly", "2026-01-01", "sim", "r", {})
    summary = run_campaign(deps, cid, samples=1, budget=5, seed=11)
    keys = _attempted(deps.store, cid)
    assert len(keys) == 5 and (rust_task.id, 0) in keys
    ex = summary["exploration"]
    accepted = {e["id"] for e in ex["lineage"] if e["accepted"]}
    assert accepted, ex["lineage"]
    # nothing unvalidated is attempted: every task is the anchor or an accepted child
    assert {t for t, _ in keys} <= accepted | {rust_task.id}
    assert {t for t, _ in keys} & accepted
    for e in ex["lineage"]:
        assert e["operator"] == "test/extra-size" and e["depth"] >= 1
        assert e["parent"] == rust_task.id or e["parent"] in accepted
    assert ex["operators"]["test/extra-size"]["share"] == 1.0
    assert sum(a["fails"] + a["passes"] for a in ex["arms"]) == 5
    children = deps.store.results(cid)
    assert {r["origin"] for r in children} == {"seed", "generated"}


def test_rejected_children_are_logged_and_never_attempted(
        tmp_path: Path, sandbox: BwrapSandbox, rust_task: Task) -> None:
    deps = _deps(tmp_path, sandbox, rust_task, [Reword()], rate=0.0)
    cid = deps.store.start_campaign("nightly", "2026-01-01", "sim", "r", {})
    summary = run_campaign(deps, cid, samples=1, budget=3, seed=5)
    ex = summary["exploration"]
    assert ex["lineage"] and not any(e["accepted"] for e in ex["lineage"])
    assert all("near-duplicate" in e["reason"] for e in ex["lineage"]), ex["lineage"]
    assert ex["operators"]["test/reword"] == {"proposed": len(ex["lineage"]), "accepted": 0,
                                              "share": 0.0}
    # the budget went to further samples of the (valid) seed instead
    assert _attempted(deps.store, cid) == [(rust_task.id, s) for s in range(3)]
    lineage = pytest.importorskip("codecanary.lineage")
    graph = lineage.load(deps.store, results={})
    for e in ex["lineage"]:  # persisted in the store's lineage graph with the reason
        node = graph.nodes[e["id"]]
        assert node["accepted"] is False and "near-duplicate" in node["reason"]
        assert graph.has_edge(rust_task.id, e["id"])


class Crash(Exception):
    pass


def test_checkpointed_campaign_resumes_with_the_same_attempts(
        tmp_path: Path, sandbox: BwrapSandbox, rust_task: Task) -> None:
    ref = _deps(tmp_path, sandbox, rust_task, [ExtraSize()], name="ref")
    rid = ref.store.start_campaign("nightly", "2026-01-01", "sim", "r", {})
    run_campaign(ref, rid, samples=1, budget=6, seed=2)

    deps = _deps(tmp_path, sandbox, rust_task, [ExtraSize()], name="crash")
    cid = deps.store.start_campaign("nightly", "2026-01-01", "sim", "r", {})

    def die(done: int, _total: int, _label: str) -> None:
        if done == 2:  # the first of a round of two is stored, the second is not
            raise Crash

    deps.progress = die
    ckpt = str(tmp_path / "ck.sqlite")
    with sqlite_checkpointer(ckpt) as saver, pytest.raises(Crash):
        run_campaign(deps, cid, samples=1, budget=6, seed=2, checkpointer=saver)
    assert len(_attempted(deps.store, cid)) == 2

    again = _deps(tmp_path, sandbox, rust_task, [ExtraSize()], name="crash")
    again.tasks = TaskCache(again.store)  # a new process knows only the database
    start = start_state(again, cid, 1, 6, 2, anchor=[rust_task.id])
    with sqlite_checkpointer(ckpt) as saver:
        summary = resume_campaign(again, cid, saver, start)
    assert _attempted(again.store, cid) == _attempted(ref.store, rid)
    assert summary["attempts"] == 6
    assert again.store.campaign(cid).status == "done"


def test_compose_operators_get_a_partner_from_the_cell() -> None:
    from types import SimpleNamespace

    from agent.explore import propose
    from codecanary.tasks import default_suite_dir, load_suite
    from generators.mutators import mutators_for

    tasks = [t for t in load_suite([default_suite_dir()])[0]
             if (t.area, t.language) == ("null-handling", "python")]
    compose = [m for m in mutators_for("null-handling", "python") if getattr(m, "pairs", False)]
    assert compose and len(tasks) >= 3
    deps = SimpleNamespace(tasks={t.id: t for t in tasks}, mutators=lambda w, lang: compose)
    ids = sorted(t.id for t in tasks)
    req = {"arm": "null-handling@python", "task": ids[0], "relation": "child",
           "source": ids[0]}
    partners: set[str] = set()
    for rnd in range(6):
        p = propose(deps, req, 7, rnd, 0, set(), ids)  # type: ignore[arg-type]
        if p["task"] is not None:
            partners.add(str(p["params"]["partner"]))
            assert p["task"]["parent"] == ids[0] and p["operator"] == compose[0].name
    assert partners and partners <= set(ids[1:]), partners  # never the source itself
    # without another task in the cell a compose operator has nothing to pair with
    alone = propose(deps, req, 7, 0, 0, set(), [ids[0]])  # type: ignore[arg-type]
    assert alone["task"] is None and alone["reason"] == "no operator applies"
