"""Helpers shared by CLI commands: loading the suite, choosing a sandbox, the campaign
options, progress bars and turning a campaign's user mistakes into usage errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from agent import opening
from agent.campaign import DEFAULT_REVIEWERS, EXECUTORS
from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task
from sandbox.base import Sandbox
from sandbox.capacity import default_workers

out = Console()
err = Console(stderr=True)


def load_tasks(paths: tuple[str, ...]) -> list[Task]:
    """Load the suite, printing each bad task's error and carrying on with the rest."""
    roots = [Path(p) for p in paths] or [default_suite_dir()]
    tasks, errors = load_suite(roots)
    for e in errors:
        err.print(f"[yellow]skipped task[/]: {e}", markup=True, highlight=False)
    if not tasks:
        raise click.ClickException(f"no loadable task under {', '.join(map(str, roots))}")
    return tasks


def load_anchor_tasks(paths: tuple[str, ...]) -> list[Task]:
    """The nightly anchor suite: ``paths`` when given, else the default anchor suite
    (seed tasks + HumanEval problems, :mod:`generators.anchors`)."""
    if paths:
        return load_tasks(paths)
    from generators.anchors import default_anchor_suite

    suite = default_anchor_suite()
    for e in suite.errors:
        err.print(f"[yellow]skipped task[/]: {e}", markup=True, highlight=False)
    for note in suite.notes:
        err.print(f"[yellow]{note}[/]", highlight=False, soft_wrap=True)
    if not suite.tasks:
        raise click.ClickException("the default anchor suite is empty; pass --tasks DIR")
    return suite.tasks


def make_sandbox(name: str) -> Sandbox:
    """Instantiate a sandbox backend by name, turning setup problems into clear errors."""
    try:
        return opening.make_sandbox(name)
    except opening.CampaignError as exc:
        raise click.ClickException(exc.message) from None


def usage_error(exc: opening.CampaignError) -> click.BadParameter:
    """A campaign's user mistake as the one-line usage error naming its option (exit 2)."""
    return click.BadParameter(exc.message, param_hint=exc.option)


def progress_bar(label: str, total: int) -> tuple[Progress, Callable[[int, int, str], None]]:
    """A progress bar on stderr and the callback the graph reports to."""
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), TextColumn("{task.fields[last]}"), console=err,
                        transient=False)
    bar = progress.add_task(label, total=total, last="")

    def on_progress(done: int, total_: int, name: str) -> None:
        progress.update(bar, completed=done, total=total_, last=name)

    return progress, on_progress


def default_reviewers() -> str:
    """The reviewers of a campaign that names none: ``$CODECANARY_REVIEWERS``, else static."""
    return os.environ.get("CODECANARY_REVIEWERS", DEFAULT_REVIEWERS)


def reviewers_option(f: Any) -> Any:
    """``--reviewers`` (recorded with the campaign, so ``resume`` rebuilds the same set)."""
    return click.option("--reviewers", "reviewers", default=default_reviewers,
                        show_default="$CODECANARY_REVIEWERS, else static", metavar="IDS",
                        help="Reviewers critiquing every answer, comma-separated (static, "
                             "model:anthropic:<model>, model:local:<name>; '' for none).")(f)


def executor_option(f: Any) -> Any:
    """``--executor``: where attempts run (only ``local`` threads exist today)."""
    return click.option("--executor", "executor", default="local", show_default=True,
                        type=click.Choice(EXECUTORS),
                        help="Where attempts run (local: threads on this machine).")(f)


def generator_options(f: Any) -> Any:
    """``--generator`` and ``--allow-self-generation`` (the LLM mutator; agent.llm)."""
    f = click.option("--allow-self-generation", "self_generation", is_flag=True,
                     help="Let the generator model be the assistant under test (it then "
                          "writes its own exam; off by default).")(f)
    return click.option("--generator", "generator", default=None, metavar="MODEL",
                        help="Generator model for the LLM mutator (anthropic:<model> or "
                             "local:<gguf>): asked for a harder child of every failed task, "
                             "from the failure evidence. Default: task mutators only.")(f)


F = TypeVar("F", bound=Callable[..., Any])


def workers_option(help_text: str = "Sandboxes running at once.") -> Callable[[F], F]:
    """``--workers``, defaulting to what this machine can take (sandbox.capacity)."""
    return click.option("--workers", default=default_workers, type=click.IntRange(1, 64),
                        show_default="one per core, as memory allows", help=help_text)
