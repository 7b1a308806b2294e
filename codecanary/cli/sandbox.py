"""``codecanary sandbox exec``: run one program in a sandbox, print the Execution as JSON.

It is the debugging entry point and what a security review drives: any file, in
any registered language, on any registered backend, with explicit limits. How a
language runs one file is its spec's
:attr:`~codecanary.languages.LanguageSpec.exec_command`; the command knows no language.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from codecanary.cli.choices import LanguageChoice
from codecanary.cli.common import make_sandbox, out
from codecanary.languages import spec
from codecanary.types import Limits
from sandbox.toolchains import missing


@click.group("sandbox")
def sandbox_group() -> None:
    """Debug and audit the sandbox."""


@sandbox_group.command("exec")
@click.option("--lang", "language", type=LanguageChoice(runnable=True), required=True)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--backend", default="bwrap", show_default=True,
              help="A registered sandbox backend (bwrap, docker, ...).")
@click.option("--timeout", default=10.0, show_default=True, help="Wall-clock seconds.")
@click.option("--memory", default=512, show_default=True, help="Memory limit in MiB.")
def exec_(language: str, file: str, backend: str, timeout: float, memory: int) -> None:
    """Run FILE in the sandbox and print the Execution as JSON.

    On a backend that runs the host's toolchains (bwrap, unsafe-local), a missing
    toolchain of the language is said up front, with its install command, and
    nothing runs (exit 1): a shell's "not found" would otherwise look like the
    program's own failure.
    """
    command = spec(language).exec_command
    assert command is not None  # LanguageChoice(runnable=True) offers only such languages
    sandbox = make_sandbox(backend)
    if sandbox.host_toolchains and (why := missing(language)):
        raise click.ClickException(why)
    name = Path(file).name
    execution = sandbox.run({name: Path(file).read_text(encoding="utf-8")},
                            command(name, memory), Limits(time_s=timeout, memory_mb=memory))
    out.print_json(json.dumps(dataclasses.asdict(execution)))
