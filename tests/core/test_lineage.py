"""The lineage graph, persisted in a real SQLite store, and ``codecanary lineage``.

Children are made by real operators from the mini suite's tasks, recorded as
accepted or rejected (with the gate's reason), attempted in a recorded
campaign, and then queried: ancestors, descendants, frontier, weakest
lineages, gate shares per operator, and the printed tree.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from codecanary import lineage as lin
from codecanary.cli import cli
from codecanary.store import Store
from codecanary.types import Attempt, Execution, Task
from generators.mutators import all_mutators, propose


def op(name: str):  # type: ignore[no-untyped-def]
    return next(m for m in all_mutators() if m.name == name)


def attempt(store: Store, campaign: int, task: Task, sample: int, passed: bool,
            infra: str | None = None) -> None:
    a = Attempt(task.id, "sim", "v1", sample, {}, infra_error=infra)
    store.record(campaign, a, Execution(exit_code=0 if passed else 1))


@pytest.fixture()
def world(tmp_path: Path, py_task: Task) -> tuple[Store, dict[str, Task], str]:
    url = f"sqlite:///{tmp_path / 'lineage.db'}"
    store = Store(url)
    c1 = op("boundaries/last-n").propose(py_task, random.Random(1))
    c2 = op("null-handling/optional-batch").propose(py_task, random.Random(1))
    assert c1 is not None and c2 is not None
    g1 = op("concurrency/serialized-calls").propose(c1.task, random.Random(2))
    bad = op("security/literal-args").propose(c1.task, random.Random(2))
    assert g1 is not None and bad is not None
    lin.record_child(store, c1.task, c1.params, True, "ok", parent=py_task)
    lin.record_child(store, c2.task, c2.params, True, "ok")
    lin.record_child(store, g1.task, g1.params, True, "ok")
    lin.record_child(store, bad.task, bad.params, False, "mutation score 3/5 is below 0.8")
    lin.record_child(store, bad.task, bad.params, False, "recorded twice: kept once")
    lin.record_rejected(store, c2.task.id, "llm", {"generator": "anthropic:m"},
                        "the reply is not one JSON object", "Sure! here it is")
    camp = store.start_campaign("probe", "2026-01-01", "sim", "v1", {})
    for i in range(4):
        attempt(store, camp, py_task, i, passed=True)
        attempt(store, camp, c1.task, i, passed=i == 0)
        attempt(store, camp, g1.task, i, passed=False)
    attempt(store, camp, g1.task, 9, passed=True, infra="HTTP 529")  # excluded
    tasks = {"seed": py_task, "c1": c1.task, "c2": c2.task, "g1": g1.task, "bad": bad.task}
    return store, tasks, url


def test_graph_queries(world: tuple[Store, dict[str, Task], str]) -> None:
    store, t, _ = world
    g = lin.load(store)
    seed, c1, c2, g1, bad = (t[k].id for k in ("seed", "c1", "c2", "g1", "bad"))
    assert g.edges[seed, c1]["operator"] == "boundaries/last-n"
    assert g.edges[c1, g1]["params"]["depth"] == 2
    assert g.nodes[bad]["accepted"] is False
    assert g.nodes[bad]["reason"] == "mutation score 3/5 is below 0.8"
    assert lin.ancestors(g, g1) == [seed, c1, g1]
    assert lin.descendants(g, seed) >= {c1, c2, g1, bad}
    assert lin.descendants(g, seed, accepted_only=True) == {c1, c2, g1}
    assert lin.frontier(g) == [g1, c2]  # deepest first; rejected children are not frontier
    assert lin.frontier(g, c1) == [g1]
    assert (g.nodes[g1]["passed"], g.nodes[g1]["attempts"]) == (0, 4)
    assert (g.nodes[c1]["passed"], g.nodes[c1]["attempts"]) == (1, 4)
    assert g.nodes[seed]["name"] == t["seed"].name and g.nodes[g1]["depth"] == 2
    weakest = lin.weakest_lineages(g)
    assert [w.root for w in weakest] == [seed]
    assert (weakest[0].passed, weakest[0].attempts, weakest[0].tasks) == (5, 12, 4)
    shares = lin.gate_shares(g)
    assert shares["security/literal-args"] == (0, 1)
    assert shares["boundaries/last-n"] == (1, 1)
    assert shares["llm"] == (0, 1)


def test_weakest_lineages_order_and_minimum(world: tuple[Store, dict[str, Task], str],
                                            rust_task: Task) -> None:
    store, t, _ = world
    child = op("borrow-checking/return-ref").propose(rust_task, random.Random(1))
    assert child is not None
    lin.record_child(store, child.task, child.params, True, "ok", parent=rust_task)
    camp = store.start_campaign("probe", "2026-01-02", "sim", "v1", {})
    attempt(store, camp, rust_task, 0, passed=False)
    attempt(store, camp, child.task, 0, passed=False)
    g = lin.load(store)
    assert [w.root for w in lin.weakest_lineages(g)] == [rust_task.id, t["seed"].id]
    assert lin.weakest_lineages(g, min_attempts=5)[0].root == t["seed"].id
    only = lin.load(store, lin.pass_counts(store, camp))
    assert only.nodes[t["g1"].id]["attempts"] == 0


def test_accepted_children_are_tasks_rejected_are_not(
        world: tuple[Store, dict[str, Task], str]) -> None:
    store, t, _ = world
    from codecanary.store import TaskRow

    with store.session() as s:
        ids = {r.id for r in s.query(TaskRow)}
    assert {t["seed"].id, t["c1"].id, t["c2"].id, t["g1"].id} <= ids
    assert t["bad"].id not in ids
    with pytest.raises(ValueError, match="not a generated child"):
        lin.record_child(store, t["seed"], {}, True, "ok")


def test_cli_prints_the_tree(world: tuple[Store, dict[str, Task], str]) -> None:
    _store, t, url = world
    res = CliRunner().invoke(cli, ["lineage", t["g1"].id[:8], "--db", url])
    assert res.exit_code == 0, res.output
    out = res.output
    assert f"{t['seed'].name} " in out and "[seed] 4/4 passed (100%)" in out
    assert "[boundaries/last-n] 1/4 passed (25%)" in out
    assert "[concurrency/serialized-calls] 0/4 passed (0%)" in out
    assert "REJECTED" in out and "mutation score 3/5 is below 0.8" in out
    assert "the reply is not one JSON object" in out
    assert "gate: " in out and "security/literal-args 0/1" in out
    lines = out.splitlines()
    star = [line for line in lines if line.startswith("*")]
    assert len(star) == 1 and t["g1"].name in star[0]
    res = CliRunner().invoke(cli, ["lineage", "nosuchtask", "--db", url])
    assert res.exit_code != 0 and "no task 'nosuchtask'" in res.output


def compose(parent: Task, partner: Task):  # type: ignore[no-untyped-def]
    op = next(m for m in all_mutators() if m.name == f"{parent.area}/compose")
    child = op.pair(parent, partner, random.Random(1))  # type: ignore[attr-defined]
    assert child is not None
    return child


def test_a_composed_child_has_both_parents(tmp_path: Path) -> None:
    from codecanary.tasks import default_suite_dir, load_suite

    seeds = {t.name: t for t in load_suite([default_suite_dir()])[0]}
    bus, inv = seeds["username-rules"], seeds["slugify-rules"]
    store = Store(f"sqlite:///{tmp_path / 'compose.db'}")
    c = compose(bus, inv)
    gc = propose(c.task, "boundaries", random.Random(1))  # a one-parent child of it
    assert gc is not None
    lin.record_child(store, c.task, c.params, True, "ok", parent=bus, partner=inv)
    lin.record_child(store, c.task, c.params, True, "recorded twice: kept once", parent=bus)
    lin.record_child(store, gc.task, gc.params, True, "ok")
    g = lin.load(store)
    first, second = g.edges[bus.id, c.task.id], g.edges[inv.id, c.task.id]
    assert first["operator"] == second["operator"] == "contextual-amnesia/compose"
    assert "role" not in first["params"] and second["params"]["role"] == "partner"
    assert second["params"]["partner"] == inv.id and g.number_of_edges() == 3
    assert g.nodes[inv.id]["name"] == "slugify-rules"  # the partner was saved too
    assert lin.ancestors(g, gc.task.id) == [bus.id, inv.id, c.task.id, gc.task.id]
    assert lin.parents(g, c.task.id) == [bus.id, inv.id]
    assert lin.parents_of(g, [c.task.id, bus.id]) == {c.task.id: bus.id, bus.id: None}
    assert (g.nodes[c.task.id]["depth"], g.nodes[gc.task.id]["depth"]) == (1, 2)
    assert lin.descendants(g, inv.id) == {c.task.id, gc.task.id}
    assert lin.gate_shares(g)["contextual-amnesia/compose"] == (1, 1)  # one proposal, not two
    assert [(lvl, t) for lvl, t, _ in lin.tree_lines(g, gc.task.id)] == [
        (0, bus.id), (1, c.task.id), (2, gc.task.id)]
    under_partner = lin.tree_lines(g, inv.id)
    assert [(lvl, t) for lvl, t, _ in under_partner] == [(0, inv.id), (1, c.task.id)]
    assert under_partner[1][2]["role"] == "partner"  # listed, marked, subtree not repeated
    db = f"sqlite:///{tmp_path / 'compose.db'}"
    res = CliRunner().invoke(cli, ["lineage", inv.id, "--db", db])
    assert res.exit_code == 0, res.output
    assert "ancestry: slugify-rules" in res.output and c.task.name in res.output


def test_ancestors_of_a_diamond_are_deterministic() -> None:
    import networkx as nx

    orders = []
    for partner_first in (False, True):
        g = nx.DiGraph()
        edges = [("s", "a", {}), ("s", "b", {}), ("a", "c", {}), ("b", "c", {"role": "partner"})]
        if partner_first:
            edges.reverse()
        for p, c, params in edges:
            g.add_edge(p, c, operator="x", params=params)
        orders.append(lin.ancestors(g, "c"))
    assert orders[0] == orders[1] == ["s", "a", "b", "c"]
    assert lin.ancestors(g, "b") == ["s", "b"] and lin.ancestors(g, "zz") == ["zz"]
