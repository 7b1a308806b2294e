"""``codecanary probe``: spend the whole budget hunting in one weakness area.

No anchor suite: the policy (agent.policy) starts from the suite's tasks of
the area (and language), attempts them, then generates siblings of what fails
and deeper children of what passes, every child through the gate. The output
is the lineage that found (or failed to find) a weak spot, the failure
classes, and the share of generated tasks that passed the gate per operator.
Exit code: 0 no weak spot found, 1 weak spot found, 2 error.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.tree import Tree

from agent.state import Deps, TaskCache
from assistants.base import create
from assistants.sim import ProfileError
from codecanary.cli.choices import LanguageChoice
from codecanary.cli.common import (
    generator_options,
    load_tasks,
    make_llm,
    make_sandbox,
    out,
    workers_option,
)
from codecanary.cli.resume import progress_bar, run_checkpointed
from codecanary.registry import UnknownPluginError
from codecanary.store import DEFAULT_DB, Store, checkpoint_path
from codecanary.types import WEAKNESSES


def _outcome(stat: dict[str, Any] | None) -> str:
    if not stat or not stat["fails"] + stat["passes"]:
        return "[dim]not attempted[/]"
    f, n = stat["fails"], stat["fails"] + stat["passes"]
    colour = "red" if f else "green"
    return f"[{colour}]failed {f}/{n}[/]"


def lineage_tree(exploration: dict[str, Any]) -> Tree:
    """The probe's tasks as a tree: seeds, then each generated child under its parent."""
    stats = exploration["tasks"]
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in exploration["lineage"]:
        children[entry["parent"]].append(entry)
    root = Tree(f"lineage of {', '.join(exploration['focus']) or 'the campaign'}")

    def grow(node: Tree, task_id: str) -> None:
        for e in children.get(task_id, []):
            if e["accepted"]:
                label = f"{e['name']}  [cyan]{e['operator']}[/] ({e['relation']})  " \
                        f"{_outcome(stats.get(e['id']))}"
            else:
                label = f"[dim]{e['name']}  {e['operator']}  rejected: " \
                        f"{e['reason'][:160]}[/]"
            grow(node.add(label), e["id"])

    for tid, stat in sorted(stats.items(), key=lambda kv: kv[0]):
        if stat["depth"] == 0:
            grow(root.add(f"[bold]{stat.get('name', tid)}[/] (seed {tid[:8]})  {_outcome(stat)}"),
                 tid)
    return root


def print_probe(summary: dict[str, Any]) -> None:
    """Verdict per arm, the lineage tree, failure classes and gate share per operator."""
    ex = summary["exploration"]
    for arm in ex["arms"]:
        if arm["arm"] not in ex["focus"]:
            continue
        verdict = ("[bold red]WEAK SPOT FOUND[/]" if arm["flagged"]
                   else "[green]no weak spot found[/]")
        out.print(f"{verdict} {arm['arm']}: failed {arm['fails']} of "
                  f"{arm['fails'] + arm['passes']} attempts (posterior mean failure rate "
                  f"{100 * arm['failure_rate']:.0f}%, P(rate > {100 * ex['flag_rate']:.0f}%) = "
                  f"{arm['p_above']:.3f})", highlight=False)
    out.print(lineage_tree(ex))
    classes = summary.get("failure_classes") or {}
    out.print("failure classes: " + (", ".join(f"{k} x{v}" for k, v in classes.items())
                                     or "none"), highlight=False)
    out.print("generated tasks passing the gate, per operator:")
    t = Table()
    for col in ("operator", "proposed", "accepted", "share"):
        t.add_column(col, justify="left" if col == "operator" else "right")
    for op, row in ex["operators"].items():
        label = f"llm ({ex.get('generator')})" if op == "llm" else op
        t.add_row(label, str(row["proposed"]), str(row["accepted"]), f"{100 * row['share']:.0f}%")
    if not ex["operators"]:
        t.add_row("(no task generated)", "0", "0", "-")
    out.print(t)
    fb = ex.get("fallbacks") or {}
    if fb:
        out.print("requests served by another sample of their source: "
                  + ", ".join(f"{k} x{v}" for k, v in sorted(fb.items())), highlight=False)
    out.print(f"{summary['attempts']} attempts in {ex['rounds']} rounds, campaign "
              f"{summary['campaign']}", highlight=False)


def finish_probe(summary: dict[str, Any], json_path: str | None = None,
                 report_path: str | None = None) -> None:
    """Print the probe's outcome, write the JSON and the HTML report (its lineage drawing
    and gate shares), and exit 1 when a weak spot was found."""
    print_probe(summary)
    if report_path:
        from codecanary.report import render

        Path(report_path).write_text(render(summary, []), encoding="utf-8")
        out.print(f"report: {report_path}")
    if json_path:
        Path(json_path).write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    ex = summary["exploration"]
    sys.exit(1 if set(ex["flagged"]) & set(ex["focus"]) else 0)


@click.command()
@click.option("--weakness", required=True, type=click.Choice(WEAKNESSES),
              help="The area to probe.")
@click.option("--language", default=None, type=LanguageChoice(),
              help="Only tasks of this language (default: every language of the area).")
@click.option("--budget", default=20, show_default=True, type=click.IntRange(min=1),
              help="Attempts to spend.")
@click.option("--assistant", "assistant_id", default="sim", show_default=True,
              help="Assistant under test: sim[:profile], ...")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy database URL.")
@click.option("--tasks", "task_paths", multiple=True, help="Task folders (default: seed suite).")
@click.option("--night", default=None, help="Date to record the probe under (YYYY-MM-DD).")
@click.option("--seed", default=0, show_default=True, type=int,
              help="Seed of every exploration choice.")
@click.option("--sandbox", "sandbox_name", default="bwrap", show_default=True,
              help="Sandbox backend (bwrap, or unsafe-local for development only).")
@workers_option()
@click.option("--json", "json_path", default=None, help="Write the JSON summary here.")
@click.option("--report", "report_path", default=None,
              help="Write the HTML report here (lineage drawing, gate share per operator).")
@generator_options
def probe(weakness: str, language: str | None, budget: int, assistant_id: str, db: str,
          task_paths: tuple[str, ...], night: str | None, seed: int, sandbox_name: str,
          workers: int, json_path: str | None, report_path: str | None = None,
          generator: str | None = None, self_generation: bool = False) -> None:
    """Hunt for a weak spot in one area: all the budget goes there.

    Exit code: 0 no weak spot found, 1 weak spot found, 2 error.
    """
    night = night or dt.date.today().isoformat()
    try:
        assistant = create(assistant_id)
    except (ProfileError, UnknownPluginError) as exc:
        raise click.BadParameter(str(exc), param_hint="--assistant") from None
    llm = make_llm(generator, assistant_id, self_generation)
    tasks = [t for t in load_tasks(task_paths)
             if t.area == weakness and (language is None or t.language == language)]
    if not tasks:
        where = ", ".join(task_paths) or "the seed suite"
        raise click.ClickException(
            f"no task of {weakness}{'@' + language if language else ''} in {where}; "
            "give --tasks with at least one such task to start from")
    focus = sorted({f"{t.area}@{t.language}" for t in tasks})
    sandbox = make_sandbox(sandbox_name)
    store = Store(db)
    store.save_tasks(tasks)
    checkpoints = checkpoint_path(db)
    campaign_id = store.start_campaign(
        "probe", night, assistant.id, assistant.version,
        {"assistant_spec": assistant_id, "samples": 1, "tasks": [t.id for t in tasks],
         "sandbox": sandbox_name, "budget": budget, "seed": seed, "focus": focus,
         "workers": workers, "checkpoints": checkpoints, "generator": generator,
         "self_generation": self_generation,
         "report": report_path and str(Path(report_path).resolve()),
         "json": json_path and str(Path(json_path).resolve())})
    progress, on_progress = progress_bar(f"probe {', '.join(focus)} (campaign {campaign_id})",
                                         budget)
    with progress:
        deps = Deps(store=store, sandbox=sandbox, assistant=assistant,
                    tasks=TaskCache(store, {t.id: t for t in tasks}), night=night,
                    workers=workers, progress=on_progress, llm=llm)
        summary = run_checkpointed(deps, campaign_id, checkpoints, samples=1, budget=budget,
                                   seed=seed, mode="probe", focus=focus)
    finish_probe(summary, json_path, report_path)
