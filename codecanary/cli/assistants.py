"""``codecanary assistants list``: every registered assistant family and whether it runs here.

Nothing here knows a particular family: the example ids, the status check and the
capabilities are each family's own description (:mod:`assistants.family`), read from
the registry, so an assistant added by a third-party package is listed like the rest.
"""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from assistants.family import families
from codecanary.cli.common import out


@click.group("assistants")
def assistants_group() -> None:
    """Inspect the assistants codecanary can put under test."""


@assistants_group.command("list")
def list_assistants() -> None:
    """Every registered assistant family, whether it is usable here, and why not."""
    t = Table()
    for col in ("family", "ids", "usable", "why"):
        t.add_column(col)
    for name, family in families().items():
        ok, why = family.check()
        t.add_row(escape(name), escape(", ".join(family.examples)),
                  "[green]yes[/]" if ok else "[red]no[/]", escape(why))
    out.print(t)
