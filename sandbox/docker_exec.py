"""One docker-backend run as a single ``exec``: the in-container wrapper and its stream.

A warm container is reused, so each run must leave nothing behind and trust
nothing left before it. The wrapper script below, run as the sandbox's
unprivileged uid, does in one exec:

1. kill every process of that uid in the container (``kill -9 -1`` spares only
   PID 1, the reaper, and the caller) and wipe every writable place (SCRATCH);
2. read exactly N bytes of tar from stdin into ``/box``, then detach stdin;
3. run the command with rlimits (CPU, file size, no core, open files);
4. kill whatever the command left running (double-forked daemons included);
5. write a *trailer* on stdout: a marker line, ``rc=<status> oom=<count>``, then
   the collected files as base64 of a tar.

Output comes back on the engine's multiplexed stream (8-byte frame headers).
The trailer is trusted only when it is the *last* marker (nothing of the
command survives step 4 to write after it) and its ``rc`` equals the exit code
the engine reports for the exec; the code under test can print a fake marker or
kill the wrapper, but then the engine's exit code will not match.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import select
import shlex
import socket
import struct
import tarfile
import time
from collections.abc import Sequence
from dataclasses import dataclass

from codecanary.types import Files
from sandbox.base import WORKDIR, check_relpath

MARKER = b"\n--codecanary-trailer--\n"
"""Cannot occur inside base64 text ('-' is not in its alphabet)."""

TRAILER_CAP = (16 << 20) * 4 // 3 + 4096
"""Largest trailer read back: base64 of the 16 MB artifact cap, plus the status line."""

SETUP_FAILED = 125

_OOM = (
    "oom() { for f in /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events; "
    "do [ -r $f ] && { sed -n 's/^oom_kill //p' $f; return; }; done; echo 0; }"
)
_KILL_ALL = "while kill -9 -1 2>/dev/null; do :; done"
SCRATCH = (WORKDIR, "/tmp", "/var/tmp", "/dev/shm")
"""Every place the sandbox uid can write; all wiped before and after each run."""
_WIPE = "rm -rf -- " + " ".join(f"{d}/* {d}/.[!.]* {d}/..?*" for d in SCRATCH) + " 2>/dev/null"

CLEANUP_SCRIPT = f"{_OOM}; {_KILL_ALL}; {_WIPE}; echo oom=$(oom)"
"""Run by the host after a timeout, an output overflow or a wrapper that did not finish."""


def wrapper_script(collect: Sequence[str]) -> str:
    """The ``sh -c`` text; arguments: input bytes, CPU s, file size (512-byte blocks), command.

    Collected paths go into the tar only when no component is a symlink (so
    nothing outside the work directory is read) and they are regular files.
    """
    files = " ".join(shlex.quote(check_relpath(c)) for c in collect)
    tar_out = (
        f"set -f --; for f in {files}; do p=; ok=1; IFS=/; for part in $f; do p=${{p:+$p/}}$part; "
        '[ -L "$p" ] && ok=0; done; unset IFS; [ $ok = 1 ] && [ -f "$f" ] && set -- "$@" "$f"; '
        'done; [ $# -gt 0 ] && tar -cf - -- "$@" 2>/dev/null | base64 -w0'
        if collect else ":"
    )
    trailer = r"printf '\n--codecanary-trailer--\nrc=%s oom=%s\n' "
    setup_failed = (r"printf '\n--codecanary-trailer--\nrc=%s oom=%s setup-failed\n' "
                    f'{SETUP_FAILED} "$(oom)"')
    return "\n".join([
        _OOM,
        'n=$1 cpu=$2 fsz=$3; shift 3',
        _KILL_ALL,
        _WIPE,
        f"cd {WORKDIR} && head -c \"$n\" | tar -xmf - -C {WORKDIR} 2>&1 || "
        f"{{ {setup_failed}; exit {SETUP_FAILED}; }}",
        "exec </dev/null",
        '(ulimit -t "$cpu" && ulimit -f "$fsz" && ulimit -c 0 && ulimit -n 256 && exec "$@")',
        "rc=$?",
        _KILL_ALL,
        f'{trailer} "$rc" "$(oom)"',
        tar_out,
        'exit "$rc"',
    ])


def input_tar(files: Files) -> bytes:
    """The work directory's files as an uncompressed tar (paths checked, 0644 files)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for rel, text in sorted(files.items()):
            data = text.encode("utf-8")
            info = tarfile.TarInfo(check_relpath(rel))
            info.size = len(data)
            info.mode = 0o644
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@dataclass
class Streamed:
    """What one exec wrote, demultiplexed, and why reading stopped."""

    stdout: bytearray
    stderr: bytearray
    timed_out: bool = False
    exceeded: bool = False
    eof: bool = False
    marker_at: int = -1

    def add_stdout(self, data: bytes) -> None:
        """Append to stdout, keeping the position of the last marker (searching only new bytes)."""
        start = max(0, len(self.stdout) - len(MARKER) + 1)
        self.stdout += data
        at = self.stdout.rfind(MARKER, start)
        if at >= 0:
            self.marker_at = at

    def command_stdout(self) -> bytes:
        """The command's own stdout: everything before the last marker."""
        return bytes(self.stdout if self.marker_at < 0 else self.stdout[:self.marker_at])


@dataclass(frozen=True)
class Trailer:
    """The wrapper's report: exit status, OOM-kill counter, base64 tar of collected files."""

    rc: int
    oom: int
    artifacts: bytes
    setup_failed: bool = False


_STATUS = re.compile(rb"rc=(-?\d+) oom=(\d+)( setup-failed)?\n")


def parse_trailer(stdout: bytes | bytearray) -> Trailer | None:
    """The trailer after the last marker, or None when it is missing or malformed."""
    at = stdout.rfind(MARKER)
    if at < 0:
        return None
    tail = bytes(stdout[at + len(MARKER):])
    m = _STATUS.match(tail)
    if m is None:
        return None
    try:
        artifacts = base64.b64decode(tail[m.end():].strip(), validate=True)
    except (binascii.Error, ValueError):
        artifacts = b""
    return Trailer(int(m.group(1)), int(m.group(2)), artifacts, m.group(3) is not None)


def pump(
    sock: socket.socket,
    stdin: bytes,
    *,
    deadline: float,
    output_cap: int,
) -> Streamed:
    """Send ``stdin`` and read the multiplexed exec stream until EOF, the deadline or a cap.

    stdout is capped on the command's part (before the last marker) at
    ``output_cap`` and on the trailer at :data:`TRAILER_CAP`; stderr at ``output_cap``.
    """
    out = Streamed(bytearray(), bytearray())
    sock.setblocking(True)
    sock.settimeout(max(0.1, deadline - time.monotonic()))
    try:
        sock.sendall(stdin)
    except TimeoutError:
        out.timed_out = True
        return out
    except OSError:
        return out  # the wrapper is gone; its exit code tells the rest
    sock.setblocking(False)
    buf = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            out.timed_out = True
            return out
        ready, _, _ = select.select([sock], [], [], min(remaining, 0.5))
        if not ready:
            continue
        try:
            chunk = sock.recv(1 << 16)
        except (BlockingIOError, InterruptedError):
            continue
        except OSError:
            chunk = b""
        if not chunk:
            out.eof = True
            return out
        buf += chunk
        while len(buf) >= 8:
            stream, size = struct.unpack(">BxxxL", buf[:8])
            if len(buf) < 8 + size:
                break
            if stream == 2:
                out.stderr += buf[8:8 + size]
            else:
                out.add_stdout(bytes(buf[8:8 + size]))
            del buf[:8 + size]
        if _over(out, output_cap):
            out.exceeded = True
            return out


def _over(out: Streamed, output_cap: int) -> bool:
    if len(out.stderr) > output_cap:
        return True
    at = out.marker_at
    if at < 0:
        return len(out.stdout) > output_cap
    return at > output_cap or len(out.stdout) - at > TRAILER_CAP
