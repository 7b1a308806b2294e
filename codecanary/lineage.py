"""The lineage of generated tasks: a networkx DiGraph persisted through the store.

Nodes are task ids; an edge parent -> child carries the operator that made the
child and its parameters. A composed child (``params["partner"]``, see
:mod:`generators.mutators.compose`) has two parents: the edge from its first
parent, and a second edge from the partner whose params hold
``"role": "partner"``. Every proposed child is recorded, accepted or not:
a rejected child stays in the graph with the gate's reason (``accepted=False``)
so that the share of children passing the gate can be measured per operator
(:func:`gate_shares`) and a generator that keeps producing invalid tasks is
visible. Only accepted children are saved as tasks (and so can be attempted).

Node attributes: ``name``, ``area``, ``language``, ``origin``, ``accepted``
(True for seeds), ``reason``, ``depth`` (generations: first-parent edges from
the root, as in the child's ``params["depth"]``), and, when
:func:`load` is given results, ``passed``/``attempts`` (infra errors excluded).

Queries: :func:`ancestors` (every parent, root first), :func:`descendants`, :func:`frontier`
(accepted tasks with no accepted child: where mutation continues),
:func:`weakest_lineages` (seed lineages by pooled pass rate, lowest first).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from codecanary.store import Store
from codecanary.task_json import task_to_json
from codecanary.types import Task


def record_child(store: Store, child: Task, params: dict[str, object], accepted: bool,
                 reason: str, parent: Task | None = None, partner: Task | None = None) -> None:
    """Record a proposed child (accepted or rejected) under its parent.

    ``child.parent`` and ``child.operator`` must be set. When ``params`` hold a
    ``"partner"`` id (a composed child), a second edge partner -> child is
    recorded with the same operator and ``{"role": "partner"}`` added to the
    params. An accepted child is also saved to the tasks table; ``parent`` and
    ``partner``, when given, are saved too (so seeds appear in the graph with
    their names before they are run). Recording the same (parent, child) twice
    keeps the first record.
    """
    if not child.parent or not child.operator:
        raise ValueError(f"task {child.id} has no parent/operator: not a generated child")
    edges = [(child.parent, dict(params))]
    second = params.get("partner")
    if isinstance(second, str) and second and second != child.parent:
        edges.append((second, {**params, "role": "partner"}))
    store.add_edges([{"parent": source, "child": child.id, "operator": child.operator,
                      "params": p, "accepted": accepted, "reason": reason,
                      "data": task_to_json(child)} for source, p in edges])
    keep = [t for t in (parent, partner) if t is not None] + ([child] if accepted else [])
    if keep:
        store.save_tasks(keep)


def rejected_name(node_id: str) -> str:
    """The display name of a proposal that never became a task (see :func:`record_rejected`)."""
    return f"rejected-{node_id[1:7]}"


def record_rejected(store: Store, parent_id: str, operator: str, params: dict[str, object],
                    reason: str, raw: str) -> str:
    """Record a proposal that never became a task (e.g. a malformed LLM reply).

    The child node's id is ``x`` + a hash of the raw text; the raw text (cut at
    20 000 characters) is kept with the reason. Returns the node id.
    """
    cid = "x" + hashlib.sha256(raw.encode()).hexdigest()[:15]
    store.add_edges([{"parent": parent_id, "child": cid, "operator": operator,
                      "params": dict(params), "accepted": False, "reason": reason,
                      "data": {"name": rejected_name(cid), "raw": raw[:20_000]}}])
    return cid


def pass_counts(store: Store, campaign_id: int | None = None) -> dict[str, tuple[int, int]]:
    """Task id -> (passed, attempts), infra errors excluded (one campaign or all)."""
    return store.pass_counts(campaign_id)


def load(store: Store, results: dict[str, tuple[int, int]] | None = None) -> nx.DiGraph:
    """The whole lineage graph (every recorded edge) with node attributes.

    ``results``: task id -> (passed, attempts), e.g. :func:`pass_counts`;
    defaults to the pass counts over all campaigns.
    """
    results = pass_counts(store) if results is None else results
    g = nx.DiGraph()
    edges = store.lineage_edges()
    ids = {e.parent for e in edges} | {e.child for e in edges}
    rows = store.task_rows(ids)
    for tid in ids:
        row = rows.get(tid)
        g.add_node(tid, name=row.name if row else tid, area=row.area if row else "",
                   language=row.language if row else "", origin=row.origin if row else "",
                   accepted=True, reason="")
    for e in edges:
        data = e.data or {}
        node = g.nodes[e.child]
        node.update(accepted=e.accepted, reason=e.reason)
        if e.child not in rows:
            weakness = data.get("weakness") or [""]
            node.update(name=data.get("name", e.child), area=weakness[0],
                        language=data.get("language", ""), origin="generated")
        g.add_edge(e.parent, e.child, operator=e.operator, params=e.params or {})
    for tid in g.nodes:
        passed, attempts = results.get(tid, (0, 0))
        g.nodes[tid].update(passed=passed, attempts=attempts)
        g.nodes[tid]["depth"] = len(_first_chain(g, tid)) - 1
    return g


def is_partner_edge(g: nx.DiGraph, parent: str, child: str) -> bool:
    """Whether ``parent`` -> ``child`` is the partner edge of a composed child."""
    params = g.edges[parent, child].get("params") or {}
    return isinstance(params, dict) and params.get("role") == "partner"


def parents(g: nx.DiGraph, task_id: str) -> list[str]:
    """The parents of ``task_id``: first parents (in recording order), then partners."""
    if task_id not in g:
        return []
    found = list(g.predecessors(task_id))
    return sorted(found, key=lambda p: is_partner_edge(g, p, task_id))


def _first_chain(g: nx.DiGraph, task_id: str) -> list[str]:
    """``task_id``, its first parent, that one's first parent, ... (child first)."""
    chain = [task_id]
    seen = {task_id}
    while True:
        up = [p for p in parents(g, chain[-1]) if p not in seen]
        if not up:
            return chain
        chain.append(up[0])
        seen.add(up[0])


def ancestors(g: nx.DiGraph, task_id: str) -> list[str]:
    """``task_id`` and all its ancestors through every parent, root first.

    Deterministic: a depth-first walk up the first parent before the partner,
    each task listed after all its ancestors (so the first element is the root
    of the first-parent chain, and a single-parent chain comes out in order).
    """
    if task_id not in g:
        return [task_id]
    out: list[str] = []
    done: set[str] = set()

    def visit(node: str, path: set[str]) -> None:
        if node in done or node in path:
            return
        for p in parents(g, node):
            visit(p, path | {node})
        done.add(node)
        out.append(node)

    visit(task_id, set())
    return out


def descendants(g: nx.DiGraph, task_id: str, accepted_only: bool = False) -> set[str]:
    """Every task derived from ``task_id`` (optionally only through accepted children)."""
    if task_id not in g:
        return set()
    if not accepted_only:
        return set(nx.descendants(g, task_id))
    sub = g.subgraph(n for n in g.nodes if g.nodes[n]["accepted"])
    return set(nx.descendants(sub, task_id)) if task_id in sub else set()


def frontier(g: nx.DiGraph, root: str | None = None) -> list[str]:
    """Accepted tasks without an accepted child (under ``root`` when given), deepest first."""
    nodes = ({root} | descendants(g, root, accepted_only=True)) if root else set(g.nodes)
    leaves = [n for n in nodes if n in g and g.nodes[n]["accepted"]
              and not any(g.nodes[c]["accepted"] for c in g.successors(n))]
    return sorted(leaves, key=lambda n: (-g.nodes[n]["depth"], n))


@dataclass(frozen=True)
class LineageScore:
    """A seed lineage: its root, pooled passes and attempts over the root and its
    accepted descendants, and the number of accepted tasks in it."""

    root: str
    passed: int
    attempts: int
    tasks: int

    @property
    def pass_rate(self) -> float | None:
        """passed / attempts (None before any attempt)."""
        return self.passed / self.attempts if self.attempts else None


def weakest_lineages(g: nx.DiGraph, k: int = 5, min_attempts: int = 1) -> list[LineageScore]:
    """The ``k`` root lineages with the lowest pooled pass rate (at least ``min_attempts``).

    A composed child descends from two roots and is pooled into both lineages."""
    scores = []
    for root in (n for n in g.nodes if g.in_degree(n) == 0):
        members = {root} | descendants(g, root, accepted_only=True)
        passed = sum(g.nodes[n]["passed"] for n in members)
        attempts = sum(g.nodes[n]["attempts"] for n in members)
        if attempts >= min_attempts:
            scores.append(LineageScore(root, passed, attempts, len(members)))
    return sorted(scores, key=lambda s: (s.passed / s.attempts, -s.attempts, s.root))[:k]


def gate_shares(g: nx.DiGraph) -> dict[str, tuple[int, int]]:
    """Operator -> (children accepted by the gate, children proposed); a composed
    child counts once (its partner edge is not a second proposal)."""
    shares: dict[str, list[int]] = {}
    for parent, child, data in g.edges(data=True):
        if is_partner_edge(g, parent, child):
            continue
        acc = shares.setdefault(str(data["operator"]), [0, 0])
        acc[0] += bool(g.nodes[child]["accepted"])
        acc[1] += 1
    return {op: (a, n) for op, (a, n) in sorted(shares.items())}


def tree_lines(g: nx.DiGraph, task_id: str) -> list[tuple[int, str, dict[str, Any]]]:
    """The tree under the root of ``task_id``'s lineage, depth-first:
    (indent level, task id, node attributes + ``operator``/``params`` of the edge in).

    A composed child is listed under its first parent with its own subtree, and
    under its partner as a leaf whose attributes have ``role = "partner"``
    (its subtree is not repeated there).
    """
    root = ancestors(g, task_id)[0] if task_id in g else task_id
    out: list[tuple[int, str, dict[str, Any]]] = []

    def walk(node: str, level: int, edge: dict[str, Any], path: frozenset[str]) -> None:
        out.append((level, node, {**g.nodes[node], **edge}))
        if edge.get("role") == "partner" or node in path:
            return
        for child in sorted(g.successors(node), key=lambda c: (g.nodes[c]["name"], c)):
            data = dict(g.edges[node, child])
            if is_partner_edge(g, node, child):
                data["role"] = "partner"
            walk(child, level + 1, data, path | {node})

    if root in g:
        walk(root, 0, {}, frozenset())
    return out


def parents_of(g: nx.DiGraph, ids: Iterable[str]) -> dict[str, str | None]:
    """Task id -> its (first) parent in the graph (None for roots)."""
    return {t: next(iter(parents(g, t)), None) for t in ids}
