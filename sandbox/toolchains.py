"""Host toolchains that sandboxes expose read-only at their own paths.

Python is the sandbox's own runtime, never the project's venv: a plain venv
(``.venv-sandbox`` in the project, or ``$CODECANARY_SANDBOX_PYTHON``) holding only
pytest, hypothesis and their dependencies, locked in requirements/sandbox-python.lock,
so the code under test cannot import the project's packages and pytest loads none of
their plug-ins. Its venv and its base interpreter's prefix are bound; the base's own
site-packages is hidden (:func:`hidden_paths`). Rust is the rustup toolchain or a system rustc;
C++ is g++; JavaScript is node; Java is the JDK that ``javac`` resolves to.
Each is looked up once by its *real* path (through rustup's proxy, the
alternatives symlinks, version managers), so that a binary installed outside
/usr (under root's home, say) can be bind-mounted into the sandbox.
Everything under /usr is visible anyway, so only paths outside it are listed.

A missing toolchain is the environment's fault, never the assistant's: each
language's spec (:class:`codecanary.languages.Toolchain`, registered by its runner)
says which tool it needs and how to install it,
and :func:`missing` turns a failed lookup into a message naming both, which the
runners report as an infra error instead of letting the shell's exit 127 pass
for a compile error. The lookups are cached; :func:`clear_caches` forgets them
(after PATH changed, in tests).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from codecanary.languages import spec, specs

SANDBOX_PYTHON_ENV = "CODECANARY_SANDBOX_PYTHON"
"""Names the sandbox's Python interpreter instead of the project's ``.venv-sandbox``."""
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SANDBOX_VENV = ".venv-sandbox"
CREATE_SANDBOX_PYTHON = (
    f"`.venv/bin/python -m venv --without-pip {SANDBOX_VENV} && .venv/bin/python -m pip "
    f"--python {SANDBOX_VENV}/bin/python install --require-hashes --no-deps "
    "-r requirements/sandbox-python.lock` in the project root")
"""The command that creates the sandbox's Python runtime (scripts/bootstrap.sh runs it)."""


def python_executable() -> str:
    """The interpreter that runs Python inside sandboxes (the runners' commands name it).

    ``$CODECANARY_SANDBOX_PYTHON`` if set, else ``.venv-sandbox/bin/python`` in the
    project. Its directory is resolved (the sandbox binds real paths) but not the file
    itself: a venv's python is a symlink to its base interpreter, and only through the
    venv's own path does it find the venv. Returned even when missing, so commands stay
    well-formed; :func:`python_runtime` tells whether it is there.
    """
    path = Path(os.environ.get(SANDBOX_PYTHON_ENV) or PROJECT_ROOT / SANDBOX_VENV / "bin/python")
    return str(Path(os.path.realpath(path.parent)) / path.name)


@dataclass(frozen=True)
class PythonLayout:
    """Where the sandbox's interpreter lives, as it reports itself.

    prefix: its environment (the venv); base_prefix: the installation it was made from
    (its standard library); site_packages: the base's own site-packages, which the
    sandbox hides, when the interpreter is a venv (else it is the runtime itself).
    """

    prefix: str
    base_prefix: str
    site_packages: tuple[str, ...]


_LAYOUT_CODE = (
    "import json, sys, sysconfig\n"
    "base = {'base': sys.base_prefix, 'platbase': sys.base_prefix}\n"
    "site = {sysconfig.get_path(k, vars=base) for k in ('purelib', 'platlib')}\n"
    "print(json.dumps([sys.prefix, sys.base_prefix, sorted(site)]))\n"
)


@functools.cache
def python_layout(executable: str | None = None) -> PythonLayout | None:
    """The layout of ``executable`` (default :func:`python_executable`), asked of the
    interpreter itself once; None when it is missing or does not run."""
    exe = executable or python_executable()
    if not os.access(exe, os.X_OK):
        return None
    try:
        out = subprocess.run([exe, "-I", "-c", _LAYOUT_CODE], capture_output=True, text=True,
                             timeout=30, check=True).stdout
        prefix, base, site = json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    real = os.path.realpath
    return PythonLayout(real(prefix), real(base),
                        tuple(real(p) for p in site) if real(prefix) != real(base) else ())


def python_runtime() -> str | None:
    """The sandbox's Python interpreter when it is installed and runs, else None."""
    exe = python_executable()
    return exe if python_layout(exe) is not None else None


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
    """Directories to bind into every sandbox (deduplicated, outside /usr).

    Each language's toolchain says what it needs (:attr:`Toolchain.mounts`); for Python,
    the sandbox runtime's venv and its base prefix, nothing of the project's own venv.
    """
    paths = {p for s in specs() if s.toolchain for p in s.toolchain.mounts()}
    return tuple(sorted(p for p in paths if _outside_usr(p)))


def python_mounts() -> tuple[str, ...]:
    """The sandbox runtime's venv and its base prefix (nothing of the project's venv)."""
    layout = python_layout(python_executable())
    return (layout.prefix, layout.base_prefix) if layout else ()


def install_root(binary: str | None) -> tuple[str, ...]:
    """The installation a binary belongs to (``/opt/x`` for ``/opt/x/bin/tool``), if found."""
    return (str(Path(binary).parent.parent),) if binary else ()


def hidden_paths() -> tuple[str, ...]:
    """Directories inside the bound toolchains that sandboxes cover with an empty,
    read-only tmpfs: the Python base installation's site-packages (a pyenv build's holds
    whatever was pip-installed on the machine), so that running the base interpreter
    directly gives the standard library only. Under /usr nothing is hidden."""
    layout = python_layout(python_executable())
    if layout is None:
        return ()
    return tuple(p for p in layout.site_packages if _outside_usr(p) and os.path.isdir(p))


def install_hint(language: str) -> str:
    """"<tool> (<what>) is not installed; install it with <command> ...", for ``language``."""
    chain = spec(language).toolchain
    if chain is None:
        return f"{language} declares no toolchain"
    return (f"{chain.tool} ({chain.what}) is not installed; install it with {chain.install} "
            "(scripts/bootstrap.sh does it)")


def missing(language: str) -> str | None:
    """Why ``language``'s toolchain cannot run here (tool and install command), or None.

    None also for a language without an entry: nothing is known to be missing.
    """
    chain = spec(language).toolchain
    if chain is None or chain.find() is not None:
        return None
    return install_hint(language)


def is_binary(language: str, command: str) -> bool:
    """Whether ``command`` (a path or a bare name) is one of ``language``'s toolchain binaries."""
    chain = spec(language).toolchain
    name = PurePosixPath(command).name
    return chain is not None and re.fullmatch(chain.binaries, name) is not None


def clear_caches() -> None:
    """Forget every cached lookup, so the next one searches PATH again (tests change PATH)."""
    for lookup in (rustc_path, gxx_path, node_path, java_home, toolchain_paths, python_layout):
        lookup.cache_clear()
