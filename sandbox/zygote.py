"""The warm Python zygote: runs *inside* a bwrap sandbox on the sandbox's own Python.

Why: a Python test run costs ~0.2 s of interpreter start and pytest/hypothesis
imports before the candidate's first line runs. The zygote pays that once per
sandbox slot, then serves attempts by fork, so an attempt pays for its own code.

Isolation per attempt (the zygote never runs candidate code itself; it only
forks), set up by the forked child with the ``CAP_SYS_ADMIN`` that bwrap grants
inside the slot's user namespace, then dropped for good before any candidate
code runs:

1. ``A`` (forked from the zygote) enters new mount, pid and ipc namespaces;
   remounts every inherited writable mount read-only; mounts fresh, size-capped
   tmpfs on the work directory, ``/tmp`` and ``/dev/shm``; writes the task's files.
   (The slot's network namespace, loopback only, is shared: it keeps nothing once
   an attempt's processes are dead.)
2. ``B`` is pid 1 of the new pid namespace: mounts its ``/proc``, makes itself
   non-dumpable (no ptrace by the candidate), forks ``C``, enforces the wall
   clock and the output cap, then kills everything left in the namespace,
   collects the requested files (regular files reached through no symlink) and
   reports on a private pipe. When B exits the kernel kills whatever remains.
3. ``C`` sets the attempt's rlimits, raises its OOM score (so the OOM killer
   picks the attempt, not the zygote), drops every capability, gets a fresh
   environment and runs the command as ``python -m MOD``/``-c CODE``/``SCRIPT``
   would, on modules imported in the zygote but never used there.

So attempt N+1 sees none of attempt N's files (fresh tmpfs, read-only rest),
processes (N's pid namespace died with its B), environment (rebuilt) or module
changes (N's were made in N's forked memory). The nested user namespace ban of
the slot (``--disable-userns``) holds for every attempt.

Protocol: one JSON request per line on stdin, one JSON reply per line on stdout
(``ready`` first). Stdlib only: this file is executed by the sandbox's Python,
which has no access to the project's packages.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import gc
import io
import json
import os
import resource
import select
import signal
import sys
import tarfile
import time
from typing import Any

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong,
                        ctypes.c_char_p]
_libc.unshare.argtypes = [ctypes.c_int]
_libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                        ctypes.c_ulong]
_libc.capset.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
# mount, pid and ipc (System V objects outlive their processes); the slot's own net
# namespace (loopback only) holds nothing once an attempt's processes are dead, and uts
# needs a capability the attempt no longer has
NAMESPACES = 0x00020000 | 0x20000000 | 0x08000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = (
    1, 2, 4, 8, 32, 4096, 16384, 1 << 18)
# statvfs flags that a remount inside a user namespace must keep (they are locked)
_KEEP = ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
         (os.ST_NOATIME, 1024), (os.ST_NODIRATIME, 2048), (os.ST_RELATIME, 1 << 21))
PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 4, 24, 47, 4
WARM_MODULES = ("pytest", "_pytest.config", "_pytest.junitxml", "_pytest.python",
                "_pytest.assertion.rewrite", "_pytest.faulthandler", "_pytest.fixtures",
                "_pytest.main", "_pytest.runner", "_pytest.terminal", "hypothesis",
                "hypothesis.strategies", "faulthandler", "unittest", "xml.etree.ElementTree",
                "json", "dataclasses", "typing", "collections", "threading", "concurrent.futures",
                "asyncio", "decimal", "fractions", "re", "itertools", "functools", "math")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(src: str | None, dst: str, fstype: str | None, flags: int, data: str | None) -> None:
    _check(_libc.mount(src.encode() if src else None, dst.encode(),
                       fstype.encode() if fstype else None, flags,
                       data.encode() if data else None), f"mount {dst}")


def _warm_up() -> None:
    """Import the test framework and common modules once, for every attempt to share."""
    for name in WARM_MODULES:  # a module the runtime lacks costs its import later, no more
        with contextlib.suppress(Exception):
            __import__(name)
    with contextlib.suppress(Exception):
        from _pytest.config import default_plugins

        for plugin in default_plugins:
            with contextlib.suppress(Exception):
                __import__(f"_pytest.{plugin}")
    _memoize_wrapped_fixture_check()
    gc.collect()
    gc.freeze()  # keep the shared pages shared: the collector never touches them in a child


_CLEAN: list[object] = []  # checked here; referenced forever, so their ids stay theirs


def _memoize_wrapped_fixture_check() -> None:
    """Check the loaded plug-in modules' attributes for hidden fixtures once, here.

    At every session's start pytest looks at each attribute of each plug-in module
    for a fixture hidden behind decorators (about a sixth of a session's own work).
    Those modules are loaded in the zygote and never change, so the check is done
    once for their objects and skipped for exactly those objects in an attempt;
    anything else (conftest, test modules) is checked as usual. Without this pytest
    internal (another pytest version) nothing changes.
    """
    try:
        from _pytest.fixtures import FixtureManager

        check = FixtureManager._check_for_wrapped_fixture
        find = FixtureManager._find_wrapped_fixture_def
    except (ImportError, AttributeError):
        return
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "") or ""
        if name == "pytest" or name.startswith(("_pytest.", "hypothesis", "pluggy")):
            for value in list(vars(module).values()):
                with contextlib.suppress(Exception):
                    found = find(None, value)  # type: ignore[arg-type]
                    if found is None or found is value:
                        _CLEAN.append(value)
    clean = {id(v) for v in _CLEAN}

    def checked(self: Any, name: str, obj: object) -> None:
        if id(obj) not in clean:
            check(self, name, obj)

    FixtureManager._check_for_wrapped_fixture = checked  # type: ignore[method-assign]


# pytest's plugin manager with its ~40 default plugins registered costs ~65 ms per run and
# depends only on the ``-p no:NAME`` arguments: built in the zygote once per such set
# (no test code runs while building it), handed to the attempt's ``pytest.main``.
_PREBUILT: dict[tuple[str, ...], Any] = {}
PYTEST_PROG = "python -m pytest"  # the program name pytest gives itself when run by -m


def _exclusions(args: list[str]) -> tuple[str, ...]:
    """The ``-p no:NAME`` arguments of a pytest command line, as get_config reads them."""
    out: list[str] = []
    for i, arg in enumerate(args):
        if arg == "-p" and i + 1 < len(args) and args[i + 1].startswith("no:"):
            out += ["-p", args[i + 1]]
        elif arg.startswith("-pno:"):
            out.append(arg)
    return tuple(out)


def _prebuilt_pytest_config(argv: list[str]) -> Any:
    """A fresh pytest Config for ``python -m pytest ARGS`` (``None`` for other commands)."""
    if argv[:2] != ["-m", "pytest"]:
        return None
    key = _exclusions(argv[2:])
    if key not in _PREBUILT:
        try:
            from _pytest.config import get_config
            _PREBUILT[key] = get_config(list(key), prog=PYTEST_PROG)
            gc.collect()
            gc.freeze()
        except Exception:
            _PREBUILT[key] = None
    return _PREBUILT[key]


def _use_prebuilt(config: Any) -> None:
    """In the attempt: pytest's next get_config returns ``config`` (as if built now)."""
    import pathlib

    import _pytest.config as cfg

    original = cfg.get_config

    def get_config(args: Any = None, plugins: Any = None, *, prog: Any = None) -> Any:
        cfg.get_config = original
        if plugins or prog != PYTEST_PROG:
            return original(args, plugins, prog=prog)
        config.invocation_params = cfg.Config.InvocationParams(
            args=args or (), plugins=plugins, dir=pathlib.Path.cwd())
        return config

    cfg.get_config = get_config


# ---------------------------------------------------------------------------- A: namespaces


def _private_mounts(req: dict[str, Any]) -> None:
    """Everything inherited read-only; fresh tmpfs where an attempt may write.

    Mounts below a fresh tmpfs (a toolchain of a checkout under /tmp, say) would be
    hidden by it: they are bound again on top, through descriptors opened before.
    """
    _mount(None, "/", None, MS_REC | MS_PRIVATE, None)
    with open("/proc/self/mountinfo") as fh:
        points = [line.split()[4].replace("\\040", " ") for line in fh]
    fresh = [(req["workdir"], req["file_bytes"], "755"), ("/tmp", 64 << 20, "1777"),
             ("/dev/shm", 16 << 20, "1777")]
    below = sorted({p for p in points for f, _, _ in fresh if p.startswith(f + "/")},
                   key=lambda p: p.count("/"))
    kept = {p: os.open(p, os.O_PATH) for p in below}
    for point in points:
        _read_only(point)
    for path, size, mode in fresh:
        if os.path.isdir(path):
            _mount("codecanary-attempt", path, "tmpfs", MS_NOSUID | MS_NODEV,
                   f"size={size},mode={mode}")
    for path, fd in kept.items():
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND, None)
        os.close(fd)
        _read_only(path)


def _read_only(point: str) -> None:
    """Remount ``point`` read-only, keeping the flags a user namespace may not drop."""
    if point == "/proc" or point.startswith("/proc/"):
        return  # replaced by B's own /proc
    try:
        st = os.statvfs(point)
    except OSError:
        return
    if st.f_flag & os.ST_RDONLY:
        return
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY
    for have, keep in _KEEP:
        if st.f_flag & have:
            flags |= keep
    _mount(None, point, None, flags, None)


def _write_files(root: str, files: dict[str, str]) -> None:
    for rel, text in sorted(files.items()):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)


# ---------------------------------------------------------------------------- C: the attempt


def _drop_privileges(req: dict[str, Any]) -> None:
    _libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)  # B's non-dumpable flag would lock /proc/self
    with open("/proc/self/oom_score_adj", "w") as fh:
        fh.write("1000")
    for res, value in req["rlimits"]:
        resource.setrlimit(res, (value, value))
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    with open("/proc/sys/kernel/cap_last_cap") as fh:
        last = int(fh.read())
    for cap in range(last + 1):  # CAP_SETPCAP, which allows this, is dropped in turn
        _check(_libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), f"drop capability {cap}")
    _check(_libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), (_CapData * 2)()), "capset")


def _run_python(argv: list[str]) -> int:
    """Run ``python ARGS`` semantics in this (forked) interpreter; the exit status."""
    import atexit
    import runpy
    import threading
    import traceback

    code = 0
    try:
        if argv[0] == "-m":
            sys.argv = [argv[1], *argv[2:]]
            sys.path.insert(0, os.getcwd())
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        elif argv[0] == "-c":
            sys.argv = ["-c", *argv[2:]]
            sys.path.insert(0, "")
            exec(compile(argv[1], "<string>", "exec"), {"__name__": "__main__"})
        else:
            sys.argv = list(argv)
            sys.path.insert(0, os.path.dirname(os.path.abspath(argv[0])))
            runpy.run_path(argv[0], run_name="__main__")
    except SystemExit as exc:
        if exc.code is None:
            code = 0
        elif isinstance(exc.code, int):
            code = exc.code
        else:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        threading._shutdown()  # type: ignore[attr-defined]  # wait for non-daemon threads
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        pass
    return code & 0xFF


def _attempt(req: dict[str, Any], out_w: int, err_w: int, prebuilt: Any) -> None:
    """C: never returns."""
    code = 1
    try:
        devnull = os.open("/dev/null", os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.closerange(3, 1 << 16)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), line_buffering=True)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), line_buffering=True,
                                      errors="backslashreplace")
        for name in ("stdin", "stdout", "stderr"):  # what the interpreter started with, too
            setattr(sys, f"__{name}__", getattr(sys, name))
        _drop_privileges(req)
        os.environ.clear()
        os.environ.update(req["env"])
        sys.dont_write_bytecode = bool(req["env"].get("PYTHONDONTWRITEBYTECODE"))
        os.chdir(req["workdir"])
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if prebuilt is not None:
            _use_prebuilt(prebuilt)
        code = _run_python(req["argv"])
    except BaseException as exc:
        os.write(2, f"codecanary zygote: {exc!r}\n".encode())
    os._exit(code)


# ---------------------------------------------------------------------------- B: pid 1


def _collect(workdir: str, wanted: list[str], cap: int) -> bytes:
    """A tar of the wanted regular files, each reached through no symlink."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for rel in wanted:
            parts = [p for p in rel.split("/") if p not in ("", ".")]
            if not parts or ".." in parts:
                continue
            fd = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY)
            try:
                for i, part in enumerate(parts):
                    last = i == len(parts) - 1
                    flags = os.O_RDONLY | os.O_NOFOLLOW | (0 if last else os.O_DIRECTORY)
                    nxt = os.open(part, flags | os.O_NONBLOCK, dir_fd=fd)
                    os.close(fd)
                    fd = nxt
                st = os.fstat(fd)
                if st.st_mode & 61440 != 32768 or st.st_size > cap:
                    continue
                with os.fdopen(os.dup(fd), "rb") as fh:
                    data = fh.read(cap + 1)
                info = tarfile.TarInfo("/".join(parts))
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            except OSError:
                continue
            finally:
                os.close(fd)
    return buf.getvalue()


def _kill_namespace() -> None:
    """SIGKILL every process of this pid namespace but pid 1, and reap them."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(-1, signal.SIGKILL)
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _pid1(req: dict[str, Any], report_w: int, prebuilt: Any) -> None:
    """B: never returns."""
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
        _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        start = time.monotonic()
        child = os.fork()
        if child == 0:
            os.close(report_w)
            os.close(out_r)
            os.close(err_r)
            _attempt(req, out_w, err_w, prebuilt)
        os.close(out_w)
        os.close(err_w)
        cap = req["output_cap"]
        bufs = {out_r: bytearray(), err_r: bytearray()}
        open_fds = set(bufs)
        timed_out = exceeded = False
        status: int | None = None
        while True:
            left = req["time_s"] - (time.monotonic() - start)
            if left <= 0:
                timed_out = True
                break
            if status is None:
                pid, st = os.waitpid(child, os.WNOHANG)
                if pid:
                    status = st
                    break
            if not open_fds:
                time.sleep(min(left, 0.01))
                continue
            ready, _, _ = select.select(list(open_fds), [], [], min(left, 0.05))
            for fd in ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    open_fds.discard(fd)
                    continue
                bufs[fd] += chunk
                exceeded = exceeded or len(bufs[fd]) > cap
            if exceeded:
                break
        duration = time.monotonic() - start
        _kill_namespace()
        for fd in list(open_fds):  # what the attempt wrote before it died
            while len(bufs[fd]) <= cap and (chunk := os.read(fd, 65536)):
                bufs[fd] += chunk
        if status is None:
            rc = -signal.SIGKILL
        elif os.WIFSIGNALED(status):
            rc = -os.WTERMSIG(status)
        else:
            rc = os.WEXITSTATUS(status)
        reply = {"rc": rc, "stdout": base64.b64encode(bytes(bufs[out_r][:cap + 1])).decode(),
                 "stderr": base64.b64encode(bytes(bufs[err_r][:cap + 1])).decode(),
                 "timed_out": timed_out, "output_exceeded": exceeded, "duration": duration,
                 "artifacts": base64.b64encode(
                     _collect(req["workdir"], req["collect"], 16 << 20)).decode()}
        data = json.dumps(reply).encode()
        with os.fdopen(report_w, "wb") as fh:
            fh.write(data)
        os._exit(0)
    except BaseException as exc:
        try:
            os.write(2, f"codecanary zygote (pid 1): {exc!r}\n".encode())
        finally:
            os._exit(70)


# ---------------------------------------------------------------------------- the server


def serve(req: dict[str, Any]) -> dict[str, Any]:
    """Run one attempt in fresh namespaces; the reply (``error`` when the set-up failed)."""
    _reap()
    prebuilt = _prebuilt_pytest_config(req["argv"])
    report_r, report_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    a = os.fork()
    if a == 0:
        try:
            os.close(report_r)
            os.setsid()
            _check(_libc.unshare(NAMESPACES), "unshare")
            _private_mounts(req)
            _write_files(req["workdir"], req["files"])
            b = os.fork()
            if b == 0:
                _pid1(req, report_w, prebuilt)
            os.close(report_w)
            _, st = os.waitpid(b, 0)
            os._exit(os.waitstatus_to_exitcode(st) & 0xFF)
        except BaseException as exc:
            try:
                os.write(2, f"codecanary zygote (set-up): {exc!r}\n".encode())
            finally:
                os._exit(71)
    os.close(report_w)
    chunks = []
    deadline = time.monotonic() + req["time_s"] + 5.0
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([report_r], [], [], max(0.0, left))
        if not ready:
            os.kill(a, signal.SIGKILL)  # pid 1 overran its own clock: end the namespace
            break
        chunk = os.read(report_r, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(report_r)
    try:
        return dict(json.loads(b"".join(chunks)))
    except ValueError:
        _, st = os.waitpid(a, 0)
        return {"error": f"attempt set-up failed (exit status {os.waitstatus_to_exitcode(st)})"}
    finally:
        _LINGERING.append(a)  # reaped later: its namespaces take ~10 ms to tear down


_LINGERING: list[int] = []


def _reap() -> None:
    """Reap finished attempts (the one before may still be tearing down its namespaces)."""
    for pid in list(_LINGERING):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _LINGERING.remove(pid)


def main() -> None:
    """Warm up, say ready, then serve requests until stdin closes."""
    sys.path.pop(0)  # this file's folder is no place to import from
    os.chdir(sys.argv[1] if len(sys.argv) > 1 else "/")  # where attempts run: import-time
    _warm_up()  # paths (hypothesis's example database, say) are computed from it
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = serve(json.loads(line))
        except Exception as exc:  # a broken request, not an attempt
            reply = {"error": repr(exc)}
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
