"""Warm Python slots of the bwrap backend: a zygote per slot, one fork per attempt.

A slot is one long-lived bwrap sandbox (its own uid, memory and pids cgroups,
the same read-only root, toolchains and namespaces as a cold run, nested user
namespaces refused) running ``sandbox/zygote.py`` on the sandbox's Python with
pytest and hypothesis imported. Each attempt is a fork of the zygote into fresh
mount, pid, net, ipc and uts namespaces with fresh tmpfs and no capability (see
the zygote's docstring), so it costs its own code and not the framework's
imports, and sees nothing an earlier attempt left.

A command is served warm when it is a plain Python run (``python3 -m MOD ...``,
``python3 -c CODE ...``, ``python3 SCRIPT ...``). Anything a slot cannot serve
(all slots busy, the zygote died, its set-up failed) returns ``None`` and the
caller runs the attempt cold: a warm failure never becomes a verdict.
"""

from __future__ import annotations

import atexit
import base64
import binascii
import contextlib
import functools
import json
import logging
import os
import resource
import selectors
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sandbox import cgroups
from sandbox.base import WORKDIR
from sandbox.process import ChildSetup, RawResult, compiled_launcher
from sandbox.toolchains import python_executable
from sandbox.uids import uid_slot

if TYPE_CHECKING:
    from codecanary.types import Limits
    from sandbox.bwrap import BwrapSandbox

log = logging.getLogger(__name__)
ZYGOTE = Path(__file__).with_name("zygote.py")
ZYGOTE_IN_BOX = f"{WORKDIR}/.codecanary-zygote.py"  # attempts mount a fresh tmpfs over it
START_TIMEOUT_S = 60.0
SLOT_MEMORY_MB = 2048  # until the first attempt sets its own
EXTRA_PIDS = 6  # bwrap's init, the zygote, the attempt's A, B and C, one spare
# (the pids cgroup allows two more: the previous attempt's A and B may still be exiting)


def warm_argv(command: Sequence[str]) -> list[str] | None:
    """The interpreter's arguments when ``command`` is a plain Python run, else ``None``."""
    if len(command) < 2 or command[0] not in ("python3", "python", python_executable()):
        return None
    args = list(command[1:])
    if args[0] in ("-m", "-c"):
        return args if len(args) >= 2 else None
    return None if args[0].startswith("-") else args


class WarmSlot:
    """One zygote in one bwrap sandbox, holding a uid slot for its lifetime."""

    def __init__(self, box: BwrapSandbox) -> None:
        self.box = box
        self.served = 0
        self._stack = contextlib.ExitStack()
        try:
            self.uid = (self._stack.enter_context(uid_slot(box.uid_base, box.slots))
                        if box.as_root else None)
            self.groups = (cgroups.create(SLOT_MEMORY_MB, 4096, parent=box.cgroup_parent,
                                          tag=f"{self.uid}-warm") if box.as_root
                           else cgroups.RunCgroups())
            self._stack.callback(self.groups.remove)
            self.proc = self._start()
        except BaseException:
            self._stack.close()
            raise

    def _start(self) -> subprocess.Popen[bytes]:
        box = self.box
        fd = os.memfd_create("codecanary-zygote", 0)
        self._stack.callback(os.close, fd)
        os.write(fd, ZYGOTE.read_bytes())
        os.lseek(fd, 0, os.SEEK_SET)
        rlimits = ((resource.RLIMIT_NPROC, 1 << 16), (resource.RLIMIT_AS, 4096 << 20),
                   (resource.RLIMIT_NOFILE, 256), (resource.RLIMIT_CORE, 0))
        setup = ChildSetup(rlimits=rlimits, cgroup_procs=tuple(self.groups.procs_files()),
                           uid=self.uid, tools_mnt="/mnt",
                           binds=tuple(box.binds) if self.uid is not None else ())
        argv = [*box.fixed_args(), "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP",
                "--size", str(1 << 20), "--tmpfs", WORKDIR,
                "--perms", "0644", "--file", str(fd), ZYGOTE_IN_BOX,
                "--remount-ro", "/", "--clearenv", "--setenv", "PATH", box.path_env,
                "--setenv", "LANG", "C.UTF-8", "--setenv", "HOME", WORKDIR, "--chdir", WORKDIR,
                "--", python_executable(), ZYGOTE_IN_BOX, WORKDIR]
        launcher = compiled_launcher()
        if launcher:
            argv = [launcher, *setup.launcher_args(), "--", *argv]
        self.errors = self._stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=self.errors, pass_fds=(fd,),
                                env={"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"},
                                start_new_session=True, preexec_fn=None if launcher else setup)
        self._stack.callback(self._stop, proc)
        if self._reply(proc, START_TIMEOUT_S) != {"ready": True}:
            raise OSError(f"the warm zygote did not start: {self.stderr_tail()}")
        return proc

    def _stop(self, proc: subprocess.Popen[bytes]) -> None:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, 9)
        self.groups.kill_all()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def stderr_tail(self) -> str:
        """The last words of the zygote's stderr (for an error message)."""
        with contextlib.suppress(OSError, AttributeError):
            self.errors.seek(0)
            return self.errors.read()[-2000:].decode(errors="replace").strip()
        return ""

    @staticmethod
    def _reply(proc: subprocess.Popen[bytes], timeout_s: float) -> dict[str, Any] | None:
        """One JSON line from the zygote within ``timeout_s``, or ``None``."""
        assert proc.stdout is not None
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout=timeout_s):
                return None
        line = proc.stdout.readline()
        try:
            reply = json.loads(line) if line else None
        except ValueError:
            return None
        return reply if isinstance(reply, dict) else None

    def run(self, argv: list[str], files: Mapping[str, str], limits: Limits,
            collect: Sequence[str], env: Mapping[str, str]) -> tuple[RawResult, bool] | None:
        """Serve one attempt: the raw result and whether it hit the memory limit."""
        box = self.box
        rlimits = box.rlimits(limits, self.groups)
        rlimits = tuple((res, value + EXTRA_PIDS if res == resource.RLIMIT_NPROC else value)
                        for res, value in rlimits)  # RLIMIT_NPROC counts the slot's own
        self.groups.set_limits(limits.memory_mb, limits.processes + EXTRA_PIDS + 2)
        ooms = self.groups.oom_count()
        request = {"argv": argv, "files": dict(files), "collect": list(collect),
                   "env": {"PATH": box.path_env, "HOME": WORKDIR, "TMPDIR": "/tmp",
                           "LANG": "C.UTF-8", **env, "PWD": WORKDIR},  # bwrap's --chdir sets PWD
                   "workdir": WORKDIR, "file_bytes": limits.file_mb << 20,
                   "time_s": limits.time_s, "output_cap": limits.output_bytes,
                   "rlimits": rlimits}
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
        except OSError:
            return None
        reply = self._reply(self.proc, limits.time_s + 15.0)
        if reply is None or "error" in reply:
            log.warning("warm slot failed (%s); the attempt runs cold",
                        (reply or {}).get("error") or self.stderr_tail() or "no reply")
            return None
        try:
            stderr = base64.b64decode(reply["stderr"])
            raw = RawResult(returncode=int(reply["rc"]), stdout=base64.b64decode(reply["stdout"]),
                            stderr=stderr, artifacts=base64.b64decode(reply["artifacts"]),
                            timed_out=bool(reply["timed_out"]),
                            output_exceeded=bool(reply["output_exceeded"]),
                            duration_s=float(reply["duration"]))
        except (KeyError, TypeError, ValueError, binascii.Error):
            return None
        if stderr.startswith(b"codecanary zygote"):  # the attempt's own set-up failed
            log.warning("warm attempt set-up failed (%s); the attempt runs cold", stderr[:300])
            return None
        self.served += 1
        return raw, self.groups.oom_count() > ooms

    def alive(self) -> bool:
        """Whether the zygote still runs."""
        return self.proc.poll() is None

    def close(self) -> None:
        """Stop the zygote, remove its cgroups and give back its uid."""
        self._stack.close()


class WarmPool:
    """The warm slots of one sandbox configuration, started on demand.

    At most half the uid slots are held warm, so cold runs (other languages)
    always find a uid.
    """

    def __init__(self, box: BwrapSandbox) -> None:
        self.box = box
        self.limit = max(1, box.slots // 2)
        self.idle: list[WarmSlot] = []
        self.started = 0
        self.failure: str | None = None
        self._lock = threading.Lock()

    def run(self, argv: list[str], files: Mapping[str, str], limits: Limits,
            collect: Sequence[str], env: Mapping[str, str]) -> tuple[RawResult, bool] | None:
        """Serve ``argv`` warm, or ``None`` when the caller should run it cold."""
        slot = self._take()
        if slot is None:
            return None
        result = slot.run(argv, files, limits, collect, env)
        if result is not None and slot.alive():
            with self._lock:
                self.idle.append(slot)
        else:
            slot.close()
            with self._lock:
                self.started -= 1
        return result

    def _take(self) -> WarmSlot | None:
        with self._lock:
            if self.failure is not None:
                return None
            if self.idle:
                return self.idle.pop()
            if self.started >= self.limit:
                return None
            self.started += 1
        try:
            return _spawner().submit(WarmSlot, self.box).result()
        except (OSError, subprocess.SubprocessError) as exc:
            with self._lock:
                self.started -= 1
                self.failure = str(exc)
            log.warning("warm Python slots are off for this sandbox: %s", exc)
            return None

    def close(self) -> None:
        """Stop every idle slot (busy ones are stopped when they come back)."""
        with self._lock:
            slots, self.idle = self.idle, []
            self.limit = 0
        for slot in slots:
            slot.close()


@functools.cache
def _spawner() -> ThreadPoolExecutor:
    """The one long-lived thread that starts zygotes.

    bwrap's ``--die-with-parent`` fires when the *thread* that started it ends, and
    callers run attempts on short-lived worker threads: a zygote started there
    would die with its first worker.
    """
    return ThreadPoolExecutor(1, thread_name_prefix="codecanary-warm")


_POOLS: dict[tuple[object, ...], WarmPool] = {}
_POOLS_LOCK = threading.Lock()


def pool_for(box: BwrapSandbox) -> WarmPool:
    """The shared pool of every sandbox with ``box``'s configuration."""
    key = (box.uid_base, box.slots, box.cgroup_parent, tuple(box.binds), tuple(box.hidden))
    with _POOLS_LOCK:
        if key not in _POOLS:
            _POOLS[key] = WarmPool(box)
        return _POOLS[key]


@atexit.register
def close_all() -> None:
    """Stop every warm slot of this process (also called by tests between phases)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()

