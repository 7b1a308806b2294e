"""The bubblewrap backend: the default sandbox on Linux.

Layers, outermost first (root mode, i.e. when codecanary runs as root):

1. ``unshare --mount`` gives the launcher a private mount namespace, where the
   toolchains (which may live under root's unreadable home) are bind-mounted
   read-only below a fresh tmpfs so the sandbox uid can reach them; nothing is
   mounted on the host.
2. The launcher joins the run's memory and pids cgroups, sets rlimits (CPU,
   address space, file size, open files, processes, no core) and drops to an
   unprivileged uid of its own (one uid per concurrent sandbox, since
   RLIMIT_NPROC counts per uid) *before* bwrap, so no capability survives.
3. bwrap creates user, pid, net, ipc, uts and cgroup namespaces, a read-only
   root holding only /usr, /etc and the toolchains, size-capped tmpfs for /tmp
   and the work directory, a cleared environment, and dies with its parent.

Collected files leave through a tar stream on a pipe, parsed defensively.
Run as an ordinary user, layers 1 and the uid switch are skipped.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shlex
import shutil
import signal
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from codecanary.registry import register
from codecanary.types import Execution, Files, Limits
from sandbox import cgroups
from sandbox.base import WORKDIR, SandboxError, cap, read_artifacts_tar, write_tree
from sandbox.process import RawResult, run_capped
from sandbox.toolchains import toolchain_paths

UID_BASE = 61000
SLOT_DIR = Path("/run/codecanary/slots")
TOOLS_MNT = "/mnt"
BASE_PATH = "/usr/local/bin:/usr/bin:/bin"


def _bwrap_binary() -> str:
    path = shutil.which("bwrap")
    if path is None:
        raise SandboxError(
            "bubblewrap is not installed; run `apt-get install bubblewrap` "
            "(scripts/bootstrap.sh does it), or choose --sandbox unsafe-local for development"
        )
    return path


@contextlib.contextmanager
def _uid_slot(slots: int) -> Iterator[int]:
    """Hold an exclusive uid for one run, chosen among ``slots`` by file lock."""
    SLOT_DIR.mkdir(parents=True, exist_ok=True)
    while True:
        for i in range(slots):
            fd = os.open(SLOT_DIR / f"{i}.lock", os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield UID_BASE + i
            finally:
                os.close(fd)
            return
        fd = os.open(SLOT_DIR / "0.lock", os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)  # all busy: wait for slot 0
        os.close(fd)


def _root_dirs() -> list[str]:
    """bwrap arguments that recreate /bin, /lib, ... as on the host (merged-/usr or not)."""
    args: list[str] = ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), f"/{name}"]
        elif host.is_dir():
            args += ["--ro-bind", str(host), f"/{name}"]
    return args


@register("sandbox", "bwrap")
class BwrapSandbox:
    """Hardened bubblewrap sandbox (see the module docstring for its layers)."""

    name = "bwrap"

    def __init__(self, extra_paths: Sequence[str] = (), slots: int = 8) -> None:
        self.bwrap = _bwrap_binary()
        self.binds = sorted({*toolchain_paths(), *map(os.path.realpath, extra_paths)})
        self.slots = slots
        self.as_root = os.geteuid() == 0

    def run(
        self,
        files: Files,
        command: Sequence[str],
        limits: Limits,
        *,
        collect: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> Execution:
        """Run ``command`` in a fresh sandbox holding ``files`` (see sandbox.base.Sandbox)."""
        with contextlib.ExitStack() as stack:
            uid = stack.enter_context(_uid_slot(self.slots)) if self.as_root else os.getuid()
            host = Path(tempfile.mkdtemp(prefix="codecanary-"))
            stack.callback(shutil.rmtree, host, True)
            stage = host / "in"
            stage.mkdir()
            write_tree(stage, files)
            if self.as_root:
                os.chmod(host, 0o711)
                for p in [stage, *stage.rglob("*")]:
                    os.chown(p, uid, uid, follow_symlinks=False)
            groups = cgroups.create(limits.memory_mb, limits.processes) if self.as_root else (
                cgroups.RunCgroups()
            )
            stack.callback(groups.remove)
            argv = self._argv(uid, stage, command, limits, collect, env or {}, groups)
            try:
                raw = run_capped(
                    lambda fd: [str(fd) if a == "{fd}" else a for a in argv],
                    timeout_s=limits.time_s,
                    output_cap=limits.output_bytes,
                    kill_extra=groups.kill_all,
                )
            except OSError as exc:
                raise SandboxError(f"could not start the sandbox: {exc}") from exc
            groups.kill_all()
            return _interpret(raw, limits, collect, groups.oom_killed())
        raise AssertionError("unreachable")

    def _argv(
        self,
        uid: int,
        stage: Path,
        command: Sequence[str],
        limits: Limits,
        collect: Sequence[str],
        env: Mapping[str, str],
        groups: cgroups.RunCgroups,
    ) -> list[str]:
        """The whole launcher command line; ``{fd}`` stands for the artifact pipe's fd."""
        cpu = int(limits.cpu_s or limits.time_s) + 1
        # With a memory cgroup the address-space limit only stops runaway mappings;
        # compilers and JVMs reserve far more virtual memory than they use.
        as_mb = max(4 * limits.memory_mb, 4096) if groups.memory_dir else limits.memory_mb
        prlimit = [
            "prlimit", f"--cpu={cpu}", f"--as={as_mb << 20}", f"--fsize={limits.file_mb << 20}",
            "--nofile=256", f"--nproc={limits.processes}", "--core=0", "--",
        ]
        tools = []
        for i, path in enumerate(self.binds):
            src = f"{TOOLS_MNT}/{i}" if self.as_root else path
            tools += ["--ro-bind", src, path]
        path_env = ":".join([*(f"{p}/bin" for p in self.binds), BASE_PATH])
        envs: list[str] = []
        for key, value in {"PATH": path_env, "HOME": WORKDIR, "TMPDIR": "/tmp", "LANG": "C.UTF-8",
                           **env}.items():
            envs += ["--setenv", key, value]
        bwrap = [
            self.bwrap, "--unshare-all", "--die-with-parent", "--new-session",
            *_root_dirs(), "--proc", "/proc", "--dev", "/dev",
            "--size", str(64 << 20), "--tmpfs", "/tmp",
            "--size", str(limits.file_mb << 20), "--tmpfs", WORKDIR,
            "--ro-bind", str(stage), "/.in",
            *tools, "--remount-ro", "/", "--clearenv", *envs, "--chdir", WORKDIR, "--",
        ]
        # Inside: copy the files in, run, then tar the collected files to fd 3.
        collect_q = " ".join(shlex.quote(c) for c in collect)
        inner = (
            f'cp -R /.in/. {WORKDIR}/ && cd {WORKDIR} || exit 125; "$@"; rc=$?; '
            + (f"tar -cf - --ignore-failed-read {collect_q} 2>/dev/null >&3; " if collect else "")
            + "exit $rc"
        )
        sandboxed = [*bwrap, "/bin/sh", "-c", inner, "sh", *command]
        if not self.as_root:
            launcher = 'exec 3>"/proc/self/fd/$0" && exec "$@"'
            return ["/bin/sh", "-c", launcher, "{fd}", *prlimit, *sandboxed]
        setup = [f'echo $$ > {shlex.quote(f)}' for f in groups.procs_files()]
        setup.append(f"mount -t tmpfs -o size=1m,mode=755 codecanary-tools {TOOLS_MNT}")
        for i, path in enumerate(self.binds):
            mnt = f"{TOOLS_MNT}/{i}"
            setup.append(f"mkdir {mnt} && mount --bind {shlex.quote(path)} {mnt} && "
                         f"mount -o remount,bind,ro {mnt}")
        launcher = (
            'exec 3>"/proc/self/fd/$0" && ' + " && ".join(setup) + ' && exec "$@"'
        )
        drop = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--"]
        return ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                launcher, "{fd}", *prlimit, *drop, *sandboxed]


def _interpret(raw: RawResult, limits: Limits, collect: Sequence[str], oom: bool) -> Execution:
    """Turn a raw launcher result into an Execution with a resource verdict."""
    rc = raw.returncode
    # bwrap reports a child killed by signal N as exit status 128 + N.
    sig = -rc if rc < 0 else (rc - 128 if rc > 128 else 0)
    if raw.timed_out:
        verdict = "timeout"
    elif raw.output_exceeded:
        verdict = "output-limit"
    elif oom:
        verdict = "memory"
    elif sig == signal.SIGXCPU or (sig == signal.SIGKILL and raw.duration_s >= (
            limits.cpu_s or limits.time_s)):
        verdict = "cpu"
    elif sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
        verdict = "killed"
    else:
        verdict = "ok"
    stderr = cap(raw.stderr, limits.output_bytes)
    infra = None
    if rc == 125 or stderr.startswith("bwrap:") or "unshare:" in stderr[:200]:
        infra = f"sandbox failed to start: {stderr[:500]}"
    return Execution(
        exit_code=rc,
        verdict=verdict,  # type: ignore[arg-type]
        stdout=cap(raw.stdout, limits.output_bytes),
        stderr=stderr,
        duration_s=raw.duration_s,
        infra_error=infra if verdict == "ok" else None,
        artifacts=read_artifacts_tar(raw.artifacts, collect) if collect else {},
    )
