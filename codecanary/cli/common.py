"""Helpers shared by CLI commands: loading the suite and choosing a sandbox."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from codecanary.registry import get, names
from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task
from sandbox.base import Sandbox, SandboxError

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


def make_sandbox(name: str) -> Sandbox:
    """Instantiate a sandbox backend by name, turning setup problems into clear errors."""
    if name not in names("sandbox"):
        known = ", ".join(names("sandbox"))
        raise click.ClickException(f"unknown sandbox {name!r}; known: {known}")
    try:
        sandbox: Sandbox = get("sandbox", name)()
    except SandboxError as exc:
        raise click.ClickException(str(exc)) from None
    return sandbox
