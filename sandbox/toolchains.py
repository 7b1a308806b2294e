"""Host toolchains that sandboxes expose read-only at their own paths.

Python is the interpreter codecanary itself runs on (its virtual environment
carries pytest and hypothesis); Rust is the rustup toolchain or a system rustc;
C++ is g++; JavaScript is node; Java is the JDK that ``javac`` resolves to.
Each is looked up once by its *real* path (through rustup's proxy, the
alternatives symlinks, version managers), so that a binary installed outside
/usr (under root's home, say) can be bind-mounted into the sandbox.
Everything under /usr is visible anyway, so only paths outside it are listed.

A missing toolchain is the environment's fault, never the assistant's:
:data:`TOOLCHAINS` says per language which tool it needs and how to install it,
and :func:`missing` turns a failed lookup into a message naming both, which the
runners report as an infra error instead of letting the shell's exit 127 pass
for a compile error. The lookups are cached; :func:`clear_caches` forgets them
(after PATH changed, in tests).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


def python_executable() -> str:
    """The interpreter used inside sandboxes: this process's own (venv) python."""
    return sys.executable


@functools.cache
def rustc_path() -> str | None:
    """Absolute path of a real rustc binary (not the rustup proxy), or None."""
    rustup = shutil.which("rustup") or str(Path.home() / ".cargo/bin/rustup")
    if os.path.exists(rustup):
        try:
            out = subprocess.run(
                [rustup, "which", "rustc"], capture_output=True, text=True, timeout=30, check=True
            ).stdout.strip()
            if out:
                return os.path.realpath(out)
        except (OSError, subprocess.SubprocessError):
            pass
    found = shutil.which("rustc")
    return os.path.realpath(found) if found else None


def _real(name: str) -> str | None:
    found = shutil.which(name)
    return os.path.realpath(found) if found else None


@functools.cache
def gxx_path() -> str | None:
    """The C++ compiler (g++), or None."""
    return _real("g++")


@functools.cache
def node_path() -> str | None:
    """The real node binary (through nvm or alternatives symlinks), or None."""
    return _real("node") or _real("nodejs")


@functools.cache
def java_home() -> str | None:
    """The JDK home that ``javac`` resolves to (it holds bin/java and bin/javac), or None."""
    javac = _real("javac")
    if javac is None:
        env_home = os.environ.get("JAVA_HOME")
        if env_home and os.path.exists(f"{env_home}/bin/javac"):
            return os.path.realpath(env_home)
        return None
    return str(Path(javac).parent.parent)


def _outside_usr(path: str) -> bool:
    return not (path == "/usr" or path.startswith("/usr/"))


@functools.cache
def toolchain_paths() -> tuple[str, ...]:
    """Directories to bind into every sandbox (deduplicated, outside /usr)."""
    paths = {os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}
    rustc = rustc_path()
    if rustc:
        paths.add(str(Path(rustc).parent.parent))
    for binary in (gxx_path(), node_path()):
        if binary:
            paths.add(str(Path(binary).parent.parent))
    home = java_home()
    if home:
        paths.add(home)
    return tuple(sorted(p for p in paths if _outside_usr(p)))


@dataclass(frozen=True)
class Toolchain:
    """What one language needs on the host, how it is found and how it is installed.

    tool: the binary a user would look for (named in every message).
    what: what it is, for people (``the JavaScript toolchain``).
    find: the lookup above; None when the toolchain is not installed.
    install: the command that installs it on Debian/Ubuntu (as scripts/bootstrap.sh does).
    binaries: a regular expression matching the basenames runners call it by, to tell
        a shell's "not found" of this toolchain from any other.
    """

    tool: str
    what: str
    find: Callable[[], str | None]
    install: str
    binaries: str


TOOLCHAINS: dict[str, Toolchain] = {
    "python": Toolchain("python3", "the Python toolchain", python_executable,
                        "`apt-get install python3`", r"python3?(\.\d+)?"),
    "rust": Toolchain("rustc", "the Rust toolchain", rustc_path,
                      "`apt-get install rustc` or `rustup toolchain install stable`",
                      r"rustc"),
    "cpp": Toolchain("g++", "the C++ toolchain", gxx_path, "`apt-get install g++`",
                     r"([\w-]+-)?[gc]\+\+(-\d+)?"),
    "javascript": Toolchain("node", "the JavaScript toolchain", node_path,
                            "`apt-get install nodejs`", r"node(js)?"),
    "java": Toolchain("javac", "the Java toolchain, a JDK", java_home,
                      "`apt-get install openjdk-17-jdk-headless`", r"javac?"),
}
"""Per language: the host toolchain its runner needs (see :class:`Toolchain`)."""


def install_hint(language: str) -> str:
    """"<tool> (<what>) is not installed; install it with <command> ...", for ``language``."""
    chain = TOOLCHAINS[language]
    return (f"{chain.tool} ({chain.what}) is not installed; install it with {chain.install} "
            "(scripts/bootstrap.sh does it)")


def missing(language: str) -> str | None:
    """Why ``language``'s toolchain cannot run here (tool and install command), or None.

    None also for a language without an entry: nothing is known to be missing.
    """
    chain = TOOLCHAINS.get(language)
    if chain is None or chain.find() is not None:
        return None
    return install_hint(language)


def is_binary(language: str, command: str) -> bool:
    """Whether ``command`` (a path or a bare name) is one of ``language``'s toolchain binaries."""
    chain = TOOLCHAINS.get(language)
    name = PurePosixPath(command).name
    return chain is not None and re.fullmatch(chain.binaries, name) is not None


def clear_caches() -> None:
    """Forget every cached lookup, so the next one searches PATH again (tests change PATH)."""
    for lookup in (rustc_path, gxx_path, node_path, java_home, toolchain_paths):
        lookup.cache_clear()
