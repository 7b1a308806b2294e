"""``codecanary sandbox exec``: run one program in a sandbox, print the Execution as JSON."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import click

from codecanary.cli.common import make_sandbox, out
from codecanary.types import Limits
from sandbox.toolchains import python_executable, rustc_path

COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "python": lambda f: [python_executable(), f],
    "rust": lambda f: ["/bin/sh", "-c", f"{rustc_path() or 'rustc'} --edition 2021 -o /tmp/prog "
                       f"{f} && exec /tmp/prog"],
}


@click.group("sandbox")
def sandbox_group() -> None:
    """Debug and audit the sandbox."""


@sandbox_group.command("exec")
@click.option("--lang", "language", type=click.Choice(sorted(COMMANDS)), required=True)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--backend", default="bwrap", show_default=True)
@click.option("--timeout", default=10.0, show_default=True, help="Wall-clock seconds.")
@click.option("--memory", default=512, show_default=True, help="Memory limit in MiB.")
def exec_(language: str, file: str, backend: str, timeout: float, memory: int) -> None:
    """Run FILE in the sandbox and print the Execution as JSON."""
    sandbox = make_sandbox(backend)
    name = Path(file).name
    execution = sandbox.run({name: Path(file).read_text(encoding="utf-8")},
                            COMMANDS[language](name), Limits(time_s=timeout, memory_mb=memory))
    out.print_json(json.dumps(dataclasses.asdict(execution)))
