"""``codecanary assistants list``: every registered assistant family and whether it runs here.

A family's factory may carry a ``status()`` function returning (usable, why);
families without one get the generic checks below (an API key in the
environment, a program on PATH), and anything else is reported as usable.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import click
from rich.markup import escape
from rich.table import Table

from codecanary.cli.common import out
from codecanary.registry import members

EXAMPLES = {
    "sim": "sim, sim:baseline, sim:path/to/profile.toml",
    "local": "local:qwen2.5-coder-0.5b, local:/path/to/model.gguf",
    "anthropic": "anthropic:claude-sonnet-4-5",
    "claude-code": "claude-code, claude-code:<model>",
    "openai": "openai:<model>@http://127.0.0.1:8000/v1",
    "command": "command:'my-agent --prompt-file {prompt_file}'",
}


def _needs_key(var: str) -> Callable[[], tuple[bool, str]]:
    def check() -> tuple[bool, str]:
        if os.environ.get(var):
            return True, f"{var} is set"
        return False, f"missing key: set {var}"
    return check


GENERIC: dict[str, Callable[[], tuple[bool, str]]] = {
    "anthropic": _needs_key("ANTHROPIC_API_KEY"),
    "openai": lambda: (True, "needs a reachable endpoint; key from OPENAI_API_KEY if set"),
    "sim": lambda: (True, "built in"),
}


def family_status(family: str, factory: object) -> tuple[bool, str]:
    """(usable here, why) for one registered family; a failing check is reported, not raised."""
    check = getattr(factory, "status", None) or GENERIC.get(family)
    if check is None:
        return True, "no check declared"
    try:
        ok, why = check()
    except Exception as exc:  # a broken check must not hide the other families
        return False, f"check failed: {type(exc).__name__}: {exc}"
    return bool(ok), str(why)


@click.group("assistants")
def assistants_group() -> None:
    """Inspect the assistants codecanary can put under test."""


@assistants_group.command("list")
def list_assistants() -> None:
    """Every registered assistant family, whether it is usable here, and why not."""
    t = Table()
    for col in ("family", "ids", "usable", "why"):
        t.add_column(col)
    for family, factory in sorted(members("assistant").items()):
        ok, why = family_status(family, factory)
        t.add_row(escape(family), escape(EXAMPLES.get(family, f"{family}[:arg]")),
                  "[green]yes[/]" if ok else "[red]no[/]", escape(why))
    out.print(t)
