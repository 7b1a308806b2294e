"""The ``codecanary`` command line (the only place that prints)."""

from __future__ import annotations

import logging
import sys

import click
from rich.console import Console
from rich.logging import RichHandler

from codecanary.cli.assistants import assistants_group
from codecanary.cli.importing import export, import_group
from codecanary.cli.lineage import lineage
from codecanary.cli.models import models_group
from codecanary.cli.nightly import nightly, report
from codecanary.cli.power import power
from codecanary.cli.probe import probe
from codecanary.cli.resume import resume
from codecanary.cli.sandbox import sandbox_group
from codecanary.cli.tasks import tasks_group

err = Console(stderr=True)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debug details.")
def cli(verbose: bool) -> None:
    """codecanary: did your AI code assistant get worse last night, where, and how?"""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False)],
    )


cli.add_command(nightly)
cli.add_command(report)
cli.add_command(tasks_group)
cli.add_command(sandbox_group)
cli.add_command(import_group)
cli.add_command(export)
cli.add_command(power)
cli.add_command(models_group)
cli.add_command(assistants_group)
cli.add_command(lineage)
cli.add_command(probe)
cli.add_command(resume)


def main() -> None:
    """Console-script entry point: exit 2 on any unexpected error."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.Abort:
        err.print("aborted")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(2)
    except Exception as exc:  # exit 1 means "degraded": any crash must be 2
        err.print_exception()
        err.print(f"[red]error:[/] {exc}")
        sys.exit(2)
