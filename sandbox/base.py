"""The sandbox contract: ``Sandbox.run(files, command, limits) -> Execution``.

Untrusted code never runs outside a sandbox. A backend receives the files of the
work directory, a command (argv) to run inside it and resource limits, and
returns an :class:`~codecanary.types.Execution` with a resource verdict. Files
named in ``collect`` are read back from the work directory after the run; they
are hostile too, so only regular files below the work directory come back.
"""

from __future__ import annotations

import io
import os
import tarfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Protocol

from codecanary.types import Execution, Files, Limits

WORKDIR = "/box"
"""Where the work directory appears inside a sandbox."""

MAX_ARTIFACT_BYTES = 8 << 20


class SandboxError(RuntimeError):
    """The sandbox itself failed (not the code under test): an infra error."""


class Sandbox(Protocol):
    """An execution backend. Implementations register as ``("sandbox", name)``."""

    name: str
    host_toolchains: bool
    """True when commands run the host's toolchains (bwrap, unsafe-local): then a toolchain
    missing on the host is known before the run (sandbox.toolchains.missing). False when
    the backend brings its own (docker's image), so the host's say nothing about it."""

    def run(
        self,
        files: Files,
        command: Sequence[str],
        limits: Limits,
        *,
        collect: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> Execution:
        """Run ``command`` in a fresh work directory holding ``files``."""
        ...


def check_relpath(path: str) -> str:
    """Return ``path`` if it is a safe relative path, else raise ValueError."""
    p = PurePosixPath(path)
    if not path or p.is_absolute() or ".." in p.parts or "\x00" in path:
        raise ValueError(f"unsafe path in task files: {path!r}")
    return p.as_posix()


def write_tree(root: Path, files: Files) -> None:
    """Write ``files`` below ``root`` (world-readable, so a sandbox uid can copy them)."""
    for rel, text in files.items():
        dest = root / check_relpath(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")


def read_artifacts_tar(data: bytes, wanted: Sequence[str]) -> Files:
    """Parse a tar stream produced inside a sandbox, keeping only regular files asked for.

    Links, devices, absolute or escaping names and oversized members are dropped,
    so hostile code cannot make the host read anything outside the work directory.
    """
    out: Files = {}
    if not data:
        return out
    wanted_set = {check_relpath(w) for w in wanted}
    total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
            for member in tar:
                name = PurePosixPath(member.name).as_posix().removeprefix("./")
                if not member.isreg() or name not in wanted_set:
                    continue
                total += member.size
                if total > MAX_ARTIFACT_BYTES:
                    break
                fh = tar.extractfile(member)
                if fh is not None:
                    out[name] = fh.read().decode("utf-8", errors="replace")
    except (tarfile.TarError, EOFError):
        return out
    return out


def read_artifacts_dir(root: Path, wanted: Sequence[str]) -> Files:
    """Read requested regular files under ``root`` without following any symlink."""
    out: Files = {}
    for rel in wanted:
        parts = check_relpath(rel).split("/")
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            for part in parts[:-1]:
                nfd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
                os.close(fd)
                fd = nfd
            ffd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fd)
        except OSError:
            continue
        finally:
            os.close(fd)
        with os.fdopen(ffd, "rb") as fh:
            if not os.path.isfile(f"/proc/self/fd/{fh.fileno()}"):
                continue
            out[rel] = fh.read(MAX_ARTIFACT_BYTES).decode("utf-8", errors="replace")
    return out


def cap(data: bytes, limit: int) -> str:
    """Decode captured output, cut at ``limit`` bytes with a marker."""
    text = data[:limit].decode("utf-8", errors="replace")
    if len(data) > limit:
        text += f"\n[... cut at {limit} bytes]"
    return text
