"""``codecanary sandbox exec``: run one program in a sandbox, print the Execution as JSON.

It is the debugging entry point and what a security review drives: any file, in
any of the five languages, on any registered backend, with explicit limits.
"""

from __future__ import annotations

import dataclasses
import json
import shlex
from collections.abc import Callable
from pathlib import Path

import click

from codecanary.cli.common import make_sandbox, out
from codecanary.types import Limits
from sandbox.runners.cpp import GXX_FLAGS
from sandbox.runners.java import jvm_flags
from sandbox.toolchains import (
    gxx_path,
    java_home,
    missing,
    node_path,
    python_executable,
    rustc_path,
)


def _compile_then_run(compile_cmd: str) -> list[str]:
    return ["/bin/sh", "-c", f"{compile_cmd} -o /tmp/prog \"$0\" && exec /tmp/prog"]


COMMANDS: dict[str, Callable[[str, int], list[str]]] = {
    "python": lambda f, _mb: [python_executable(), f],
    "rust": lambda f, _mb: [*_compile_then_run(f"{rustc_path() or 'rustc'} --edition 2021"), f],
    "cpp": lambda f, _mb: [*_compile_then_run(f"{gxx_path() or 'g++'} {GXX_FLAGS}"), f],
    "javascript": lambda f, _mb: [node_path() or "node", f],
    # The single-file source launcher: `java Main.java` compiles in memory and runs.
    "java": lambda f, mb: [f"{java_home() or '/usr'}/bin/java", *shlex.split(jvm_flags(mb)), f],
}


@click.group("sandbox")
def sandbox_group() -> None:
    """Debug and audit the sandbox."""


@sandbox_group.command("exec")
@click.option("--lang", "language", type=click.Choice(sorted(COMMANDS)), required=True)
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
    sandbox = make_sandbox(backend)
    if sandbox.host_toolchains and (why := missing(language)):
        raise click.ClickException(why)
    name = Path(file).name
    execution = sandbox.run({name: Path(file).read_text(encoding="utf-8")},
                            COMMANDS[language](name, memory),
                            Limits(time_s=timeout, memory_mb=memory))
    out.print_json(json.dumps(dataclasses.asdict(execution)))
