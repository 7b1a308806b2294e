"""Run a launcher process with a wall-clock limit and capped output.

Shared by the backends: it reads stdout, stderr and an artifact pipe at the same
time (so a chatty program cannot dead-lock on a full pipe), stops reading and
kills the whole process group when output passes the cap or the clock runs out.

:class:`ChildSetup` is the privileged set-up of the launched child (join
cgroups, private mounts, rlimits, drop to an unprivileged uid with no
capability left). It is done by ``launcher.c``, compiled once per machine with
the C compiler and executed in front of bwrap, because Python can then start
it with vfork (a fork() of the Python process costs ~8 ms here); without a C
compiler the same steps run as a ``preexec_fn`` in a forked child.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import logging
import os
import resource
import selectors
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)
_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong,
                        ctypes.c_char_p]
_libc.unshare.argtypes = [ctypes.c_int]
_libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                        ctypes.c_ulong]
_libc.capset.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = (
    1, 2, 4, 32, 4096, 16384, 1 << 18)
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4


def _cap_last() -> int:
    try:
        return int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    except (OSError, ValueError):
        return 63


_CAP_LAST = _cap_last()


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


@dataclass(frozen=True)
class ChildSetup:
    """Set-up run in the forked child before it executes the launcher (bwrap).

    In order: join the cgroups (``cgroup_procs``), and when ``uid`` is set (root
    mode) enter a private mount namespace, mount a small tmpfs at ``tools_mnt``
    and bind each ``binds`` source read-only at ``tools_mnt/<i>`` (so the
    unprivileged uid can reach toolchains under root's home); then set the
    rlimits, set no_new_privs, empty the capability bounding and ambient sets and
    switch to ``uid`` with no supplementary group and no capability.
    Everything is computed beforehand: the child only makes system calls.
    """

    rlimits: tuple[tuple[int, int], ...]
    cgroup_procs: tuple[str, ...] = ()
    uid: int | None = None
    tools_mnt: str = "/mnt"
    binds: tuple[str, ...] = field(default=())

    def __call__(self) -> None:
        pid = str(os.getpid())
        for procs in self.cgroup_procs:
            with open(procs, "w") as fh:
                fh.write(pid)
        if self.uid is not None:
            self._mounts()
        for res, value in self.rlimits:
            resource.setrlimit(res, (value, value))
        _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
        if self.uid is None:
            return
        for cap in range(_CAP_LAST + 1):
            _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
        _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
        os.setgroups([])
        os.setresgid(self.uid, self.uid, self.uid)
        os.setresuid(self.uid, self.uid, self.uid)
        data = (_CapData * 2)()  # all zero: no effective, permitted or inheritable cap
        _check(_libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), data), "capset")

    def launcher_args(self) -> list[str]:
        """The same set-up as options of the compiled launcher (see launcher.c)."""
        args: list[str] = []
        for procs in self.cgroup_procs:
            args += ["-c", procs]
        for res, value in self.rlimits:
            args += ["-r", f"{res}={value}"]
        if self.uid is not None:
            args += ["-m", self.tools_mnt]
            for src in self.binds:
                args += ["-b", src]
            args += ["-u", str(self.uid)]
        return args

    def _mounts(self) -> None:
        mount = _libc.mount
        _check(_libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
        _check(mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
        mnt = self.tools_mnt.encode()
        _check(mount(b"codecanary-tools", mnt, b"tmpfs", MS_NOSUID | MS_NODEV,
                     b"size=1m,mode=755"), "mount tools tmpfs")
        for i, src in enumerate(self.binds):
            dst = f"{self.tools_mnt}/{i}"
            os.mkdir(dst)
            _check(mount(src.encode(), dst.encode(), None, MS_BIND, None), f"bind {src}")
            _check(mount(None, dst.encode(), None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID,
                         None), f"read-only {src}")


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
    preexec: Callable[[], None] | None = None,
    pass_fds: Sequence[int] = (),
) -> RawResult:
    """Run ``argv_for(fd)`` in its own session; ``fd`` is the write end of an artifact pipe.

    The launcher is expected to open it as ``/proc/self/fd/<fd>`` (shells cannot
    redirect to a multi-digit descriptor) and write a tar of the collected files.

    ``kill_extra`` is called after a kill to reap what the process group does not
    cover (for example every process of a cgroup). ``preexec`` runs in the child
    between fork and exec (privileged set-up); ``pass_fds`` are kept open in it.
    """
    art_r, art_w = os.pipe()
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            list(argv_for(art_w)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(art_w, *pass_fds),
            env=dict(env) if env is not None else None,
            start_new_session=True,
            preexec_fn=preexec,
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


@functools.cache
def compiled_launcher() -> str | None:
    """Path of the compiled launcher (built on first use, cached by source hash), or None."""
    src = Path(__file__).with_name("launcher.c")
    try:
        code = src.read_bytes()
    except OSError:
        return None
    base = Path("/run/codecanary") if os.geteuid() == 0 else Path.home() / ".cache/codecanary"
    out = base / f"launcher-{hashlib.sha256(code).hexdigest()[:12]}"
    if os.access(out, os.X_OK):
        return str(out)
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        log.warning("no C compiler: the sandbox launcher falls back to a slower preexec_fn")
        return None
    base.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    done = subprocess.run([cc, "-O2", "-o", str(tmp), str(src)], capture_output=True, text=True)
    if done.returncode != 0:
        log.warning("could not build the sandbox launcher (%s); using preexec_fn",
                    done.stderr[-500:])
        return None
    os.chmod(tmp, 0o755)
    os.replace(tmp, out)
    return str(out)
