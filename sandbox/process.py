"""Run a launcher process with a wall-clock limit and capped output.

Shared by the backends: it reads stdout, stderr and an artifact pipe at the same
time (so a chatty program cannot dead-lock on a full pipe), stops reading and
kills the whole process group when output passes the cap or the clock runs out.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RawResult:
    """What came out of one launcher process, before interpretation."""

    returncode: int
    stdout: bytes
    stderr: bytes
    artifacts: bytes
    timed_out: bool
    output_exceeded: bool
    duration_s: float


def run_capped(
    argv_for: Callable[[int], Sequence[str]],
    *,
    timeout_s: float,
    output_cap: int,
    env: Mapping[str, str] | None = None,
    artifact_cap: int = 16 << 20,
    kill_extra: Callable[[], None] | None = None,
) -> RawResult:
    """Run ``argv_for(fd)`` in its own session; ``fd`` is the write end of an artifact pipe.

    The launcher is expected to open it as ``/proc/self/fd/<fd>`` (shells cannot
    redirect to a multi-digit descriptor) and write a tar of the collected files.

    ``kill_extra`` is called after a kill to reap what the process group does not
    cover (for example every process of a cgroup).
    """
    art_r, art_w = os.pipe()
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            list(argv_for(art_w)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(art_w,),
            env=dict(env) if env is not None else None,
            start_new_session=True,
        )
    finally:
        os.close(art_w)
    assert proc.stdout is not None and proc.stderr is not None
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    bufs: dict[int, bytearray] = {out_fd: bytearray(), err_fd: bytearray(), art_r: bytearray()}
    caps = {out_fd: output_cap, err_fd: output_cap, art_r: artifact_cap}
    sel = selectors.DefaultSelector()
    for fd in bufs:
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ)
    timed_out = exceeded = False
    exited_at = 0.0
    open_fds = set(bufs)
    while open_fds:
        remaining = timeout_s - (time.monotonic() - start)
        if remaining <= 0:
            timed_out = True
            break
        for key, _ in sel.select(timeout=min(remaining, 0.5)):
            fd = int(key.fd)
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                sel.unregister(fd)
                open_fds.discard(fd)
                continue
            bufs[fd] += chunk
            if len(bufs[fd]) > caps[fd]:
                exceeded = fd != art_r
                if fd == art_r:  # oversized artifacts are dropped, not a verdict
                    bufs[fd].clear()
                    sel.unregister(fd)
                    open_fds.discard(fd)
        if exceeded:
            break
        if proc.poll() is not None:
            # The launcher is gone; whatever still holds a pipe is a straggler.
            exited_at = exited_at or time.monotonic()
            if not open_fds or time.monotonic() - exited_at > 1.0:
                break
    stragglers = bool(open_fds) and proc.poll() is not None
    if timed_out or exceeded or stragglers:
        _kill_group(proc.pid)
        if kill_extra is not None:
            kill_extra()
    try:
        rc = proc.wait(timeout=max(1.0, timeout_s - (time.monotonic() - start)))
    except subprocess.TimeoutExpired:
        # Output closed but the launcher lingers (a child kept no pipe): enforce the clock.
        timed_out = True
        _kill_group(proc.pid)
        if kill_extra is not None:
            kill_extra()
        rc = proc.wait()
    duration = time.monotonic() - start
    sel.close()
    os.close(art_r)
    proc.stdout.close()
    proc.stderr.close()
    return RawResult(
        returncode=rc,
        stdout=bytes(bufs[out_fd]),
        stderr=bytes(bufs[err_fd]),
        artifacts=bytes(bufs[art_r]),
        timed_out=timed_out,
        output_exceeded=exceeded,
        duration_s=duration,
    )


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
