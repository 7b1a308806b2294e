"""Host toolchains that sandboxes expose read-only at their own paths.

Python is the interpreter codecanary itself runs on (its virtual environment
carries pytest and hypothesis); Rust is the rustup toolchain or a system rustc.
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


def _outside_usr(path: str) -> bool:
    return not (path == "/usr" or path.startswith("/usr/"))


@functools.cache
def toolchain_paths() -> tuple[str, ...]:
    """Directories to bind into every sandbox (deduplicated, outside /usr)."""
    paths = {os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}
    rustc = rustc_path()
    if rustc:
        paths.add(str(Path(rustc).parent.parent))
    return tuple(sorted(p for p in paths if _outside_usr(p)))
