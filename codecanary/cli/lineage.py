"""``codecanary lineage TASK_ID``: the tree of tasks derived from a seed, with pass rates.

The tree is the whole lineage the task belongs to (from its root seed down):
each line is a task with the operator that made it, its pass rate over the
recorded attempts (infra errors excluded), and, for children the gate
rejected, the reason. ``TASK_ID`` may be a task id, a unique id prefix or a
task name. The share of children accepted by the gate is printed per operator.
"""

from __future__ import annotations

import click

from codecanary import lineage as lin
from codecanary.store import DEFAULT_DB, Store


def _resolve(g: object, key: str) -> str | None:
    import networkx as nx

    assert isinstance(g, nx.DiGraph)
    if key in g:
        return key
    hits = [n for n in g.nodes if n.startswith(key) or g.nodes[n]["name"] == key]
    return hits[0] if len(hits) == 1 else None


@click.command("lineage")
@click.argument("task_id")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy database URL.")
@click.option("--campaign", type=int, default=None, help="Pass rates of one campaign only.")
def lineage(task_id: str, db: str, campaign: int | None) -> None:
    """Print the lineage tree of TASK_ID with pass rates and gate verdicts."""
    store = Store(db)
    g = lin.load(store, lin.pass_counts(store, campaign))
    node = _resolve(g, task_id)
    if node is None:
        raise click.ClickException(
            f"no task {task_id!r} in the lineage of {db} (give a task id, id prefix or name "
            "of a task that has generated children or was generated)")
    chain = lin.ancestors(g, node)
    click.echo("ancestry: " + " -> ".join(g.nodes[n]["name"] for n in chain))
    for level, tid, data in lin.tree_lines(g, node):
        rate = (f"{data['passed']}/{data['attempts']} passed "
                f"({data['passed'] / data['attempts']:.0%})" if data["attempts"]
                else "not attempted")
        op = f" [{data['operator']}]" if data.get("operator") else " [seed]"
        mark = "*" if tid == node else " "
        pad = "  " * level + ("└─ " if level else "")
        if data.get("role") == "partner":  # a composed child, listed in full elsewhere
            click.echo(f"{mark}{pad}{data['name']} {tid[:10]}{op} as second parent "
                       "(listed under its first parent)")
        elif data["accepted"]:
            click.echo(f"{mark}{pad}{data['name']} {tid[:10]}{op} {rate}")
        else:
            click.echo(f"{mark}{pad}REJECTED {data['name']}{op}: {data['reason'][:200]}")
    root = chain[0]
    members = {root} | lin.descendants(g, root)
    sub = g.subgraph(members)
    shares = lin.gate_shares(sub)
    if shares:
        click.echo("gate: " + ", ".join(f"{op} {a}/{n}" for op, (a, n) in shares.items()))
    front = lin.frontier(g, root)
    click.echo(f"frontier: {len(front)} task(s): "
               + ", ".join(g.nodes[n]["name"] for n in front[:8]))
