"""``codecanary tasks list`` and ``codecanary tasks validate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from codecanary.cli.common import load_tasks, out
from codecanary.cli.importing import validate_all
from codecanary.tasks import default_suite_dir, load_suite
from generators.validate import Validation, duplicates


@click.group("tasks")
def tasks_group() -> None:
    """Inspect and validate the task suite."""


@tasks_group.command("list")
@click.argument("paths", nargs=-1)
def list_tasks(paths: tuple[str, ...]) -> None:
    """List the tasks under PATHS (default: the seed suite)."""
    t = Table()
    for col in ("id", "name", "language", "kind", "weakness", "difficulty", "origin"):
        t.add_column(col)
    for task in sorted(load_tasks(paths), key=lambda x: (x.language, x.area, x.name)):
        t.add_row(task.id, task.name, task.language, task.kind, ", ".join(task.weakness),
                  task.difficulty, task.origin)
    out.print(t)


@tasks_group.command("validate")
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option("--runs", default=3, show_default=True, help="Reference runs (flake check).")
@click.option("--mutation/--no-mutation", default=False, show_default=True,
              help="Also score the tests against the automatic fault operators.")
@click.option("--min-score", default=0.8, show_default=True, help="Mutation score to reach.")
@click.option("--sandbox", "sandbox_name", default="bwrap", show_default=True)
@click.option("--workers", default=1, show_default=True, help="Tasks validated in parallel.")
def validate_tasks(paths: tuple[str, ...], as_json: bool, runs: int, mutation: bool,
                   min_score: float, sandbox_name: str, workers: int) -> None:
    """Check each task: reference passes every run (no flakes), tests catch the mutants,
    no duplicate (same content hash or same normalised code); malformed tasks are
    reported too.

    Exits 1 when any task is invalid, with the reason per task.
    """
    roots = [Path(p) for p in paths] or [default_suite_dir()]
    tasks, load_errors = load_suite(roots)
    # per-task errors that need no sandbox: unloadable folders, duplicates
    results = [Validation(e.path, [], reasons=[str(e)]) for e in load_errors]
    dups = duplicates(tasks)
    results += [Validation(where, [], reasons=[reason]) for where, reason in dups.items()]
    tasks = [t for t in tasks if (t.path or t.name) not in dups]
    if not tasks and not results:
        raise click.ClickException(f"no task under {', '.join(map(str, roots))}")
    results = validate_all(tasks, sandbox_name, runs, mutation, min_score, workers) + results
    if as_json:
        out.print_json(json.dumps([
            {"task": r.task, "valid": r.valid, "reference_runs": r.reference_runs,
             "flaky": 0 < sum(r.reference_runs) < len(r.reference_runs),
             "mutants_killed": r.mutants_killed, "mutation_score": r.mutation_score,
             "auto_mutants": [r.auto_killed, r.auto_total],
             "reasons": r.reasons} for r in results]))
    else:
        t = Table()
        for col in ("task", "valid", "reference", "mutants caught", "mutation score", "reasons"):
            t.add_column(col)
        for r in results:
            t.add_row(r.task, "[green]yes[/]" if r.valid else "[red]no[/]",
                      f"{sum(r.reference_runs)}/{len(r.reference_runs)}",
                      f"{sum(r.mutants_killed.values())}/{len(r.mutants_killed)}",
                      "-" if r.mutation_score is None else f"{r.mutation_score:.2f}",
                      "; ".join(r.reasons))
        out.print(t)
    sys.exit(0 if all(r.valid for r in results) else 1)
