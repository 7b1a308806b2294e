"""Host toolchains that sandboxes expose read-only at their own paths.

Python is the interpreter codecanary itself runs on (its virtual environment
carries pytest and hypothesis); Rust is the rustup toolchain or a system rustc;
C++ is g++; JavaScript is node; Java is the JDK that ``javac`` resolves to.
Each is looked up once by its *real* path (through rustup's proxy, the
alternatives symlinks, version managers), so that a binary installed outside
/usr (under root's home, say) can be bind-mounted into the sandbox.
Everything under /usr is visible anyway, so only paths outside it are listed.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path


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


def require(tool: str | None, what: str, package: str) -> str:
    """``tool`` or a clear error telling how to install it."""
    if tool is None:
        from sandbox.base import SandboxError

        raise SandboxError(f"{what} is not installed; install it (`apt-get install {package}`, "
                           "scripts/bootstrap.sh does it)")
    return tool


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
