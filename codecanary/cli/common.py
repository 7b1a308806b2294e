"""Helpers shared by CLI commands: loading the suite and choosing a sandbox."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from codecanary.registry import get, names
from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task
from sandbox.base import Sandbox, SandboxError
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
    if name not in names("sandbox"):
        known = ", ".join(names("sandbox"))
        raise click.ClickException(f"unknown sandbox {name!r}; known: {known}")
    try:
        sandbox: Sandbox = get("sandbox", name)()
    except SandboxError as exc:
        raise click.ClickException(str(exc)) from None
    return sandbox


def generator_options(f: Any) -> Any:
    """``--generator`` and ``--allow-self-generation`` (the LLM mutator; agent.llm)."""
    f = click.option("--allow-self-generation", "self_generation", is_flag=True,
                     help="Let the generator model be the assistant under test (it then "
                          "writes its own exam; off by default).")(f)
    return click.option("--generator", "generator", default=None, metavar="MODEL",
                        help="Generator model for the LLM mutator (anthropic:<model> or "
                             "local:<gguf>): asked for a harder child of every failed task, "
                             "from the failure evidence. Default: task mutators only.")(f)


def make_llm(spec: str | None, assistant_id: str, force: bool) -> Any:
    """The campaign's LLM mutator (agent.llm), or None; bad choices are usage errors."""
    from agent.llm import make_llm_mutator

    try:
        return make_llm_mutator(spec, assistant_id, force)
    except (ValueError, OSError) as exc:  # the assistant itself, a model not pulled
        raise click.BadParameter(str(exc), param_hint="--generator") from None


F = TypeVar("F", bound=Callable[..., Any])


def workers_option(help_text: str = "Sandboxes running at once.") -> Callable[[F], F]:
    """``--workers``, defaulting to what this machine can take (sandbox.capacity)."""
    return click.option("--workers", default=default_workers, type=click.IntRange(1, 64),
                        show_default="one per core, as memory allows", help=help_text)
