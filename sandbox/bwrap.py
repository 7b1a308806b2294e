"""The bubblewrap backend: the default sandbox on Linux.

Layers, outermost first (root mode, i.e. when codecanary runs as root), all set
up by :class:`sandbox.process.ChildSetup` with system calls, in one small compiled
launcher that then executes bwrap (one exec instead of a chain of helpers):

1. The child joins the run's memory and pids cgroups, enters a private mount
   namespace where the toolchains (which may live under root's unreadable home)
   are bind-mounted read-only below a fresh tmpfs so the sandbox uid can reach
   them; nothing is mounted on the host.
2. It sets rlimits (CPU, address space, file size, open files, processes, no
   core), no_new_privs, empties the capability bounding set and drops to an
   unprivileged uid of its own (one uid per concurrent sandbox, since
   RLIMIT_NPROC counts per uid) *before* bwrap, so no capability survives.
3. bwrap creates user, pid, net, ipc, uts and cgroup namespaces, a read-only
   root holding only /usr, /etc and the toolchains (Python's is the sandbox's own
   runtime, see sandbox.toolchains; the base interpreter's site-packages is
   covered by an empty tmpfs), size-capped tmpfs for /tmp and the work directory
   (the task files are copied in by bwrap itself from memfds: nothing is written
   on the host), a cleared environment, and dies with its parent. The code
   inside cannot create user namespaces of its own (``--disable-userns``: a
   nested user namespace is where most unprivileged kernel exploits start; it
   fails with ENOSPC).

Collected files leave through a tar stream on a pipe, parsed defensively.
Run as an ordinary user, the cgroups, mounts and uid switch are skipped.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shlex
import shutil
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from codecanary.registry import register
from codecanary.types import Execution, Files, Limits
from sandbox import cgroups
from sandbox.base import WORKDIR, SandboxError, cap, check_relpath, read_artifacts_tar
from sandbox.capacity import MAX_WORKERS
from sandbox.process import ChildSetup, RawResult, compiled_launcher, run_capped
from sandbox.toolchains import hidden_paths, python_executable, toolchain_paths
from sandbox.uids import uid_slot
from sandbox.warm import pool_for, warm_argv

UID_BASE = 61000
TOOLS_MNT = "/mnt"
BASE_PATH = "/usr/local/bin:/usr/bin:/bin"
MAX_FILES = 200


def _bwrap_binary() -> str:
    path = shutil.which("bwrap")
    if path is None:
        raise SandboxError(
            "bubblewrap is not installed; run `apt-get install bubblewrap` "
            "(scripts/bootstrap.sh does it), or choose --sandbox unsafe-local for development"
        )
    return path


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


def _memfds_check(files: Files) -> None:
    """Refuse what no run may get: too many files, or a path leaving the work directory."""
    if len(files) > MAX_FILES:
        raise SandboxError(f"too many files for one sandbox run ({len(files)} > {MAX_FILES})")
    for rel in files:
        check_relpath(rel)


def _memfds(files: Files) -> tuple[list[str], list[int]]:
    """bwrap ``--dir``/``--file`` arguments that copy ``files`` into the work directory."""
    _memfds_check(files)
    args: list[str] = []
    fds: list[int] = []
    dirs: set[str] = set()
    try:
        for rel, text in sorted(files.items()):
            rel = check_relpath(rel)
            for parent in reversed(PurePosixPath(rel).parents[:-1]):
                if str(parent) not in dirs:
                    dirs.add(str(parent))
                    args += ["--dir", f"{WORKDIR}/{parent}"]
            fd = os.memfd_create("codecanary-file", 0)
            fds.append(fd)
            os.write(fd, text.encode("utf-8"))
            os.lseek(fd, 0, os.SEEK_SET)
            args += ["--perms", "0644", "--file", str(fd), f"{WORKDIR}/{rel}"]
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    return args, fds


@register("sandbox", "bwrap")
class BwrapSandbox:
    """Hardened bubblewrap sandbox (see the module docstring for its layers).

    ``uid_base``/``slots``: the uids used in root mode (one per concurrent run, and one
    per warm slot, of which there are at most ``slots // 2``);
    ``cgroup_parent``: where the run's cgroups go below each controller's root;
    ``warm``: serve plain Python runs from warm zygote slots (sandbox.warm).
    """

    name = "bwrap"
    host_toolchains = True

    def __init__(self, extra_paths: Sequence[str] = (), slots: int = 2 * MAX_WORKERS, *,
                 uid_base: int = UID_BASE, cgroup_parent: str = "codecanary",
                 warm: bool = True) -> None:
        self.bwrap = _bwrap_binary()
        self.binds = sorted({*toolchain_paths(), *map(os.path.realpath, extra_paths)})
        self.hidden = [p for p in hidden_paths() if any(p.startswith(f"{b}/") for b in self.binds)]
        # The sandbox's Python first, so a bare `python3` is the runtime the runners use.
        self.path_env = ":".join(dict.fromkeys(
            [os.path.dirname(python_executable()), *(f"{p}/bin" for p in self.binds),
             *BASE_PATH.split(":")]))
        self.slots = slots
        self.uid_base = uid_base
        self.cgroup_parent = cgroup_parent
        self.as_root = os.geteuid() == 0
        self.warm = warm
        self._fixed = self.fixed_args()

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
        if self.warm and (argv := warm_argv(command)) is not None:
            _memfds_check(files)
            served = pool_for(self).run(argv, files, limits, collect, env or {})
            if served is not None:
                return _interpret(served[0], limits, collect, served[1])
        with contextlib.ExitStack() as stack:
            uid = (stack.enter_context(uid_slot(self.uid_base, self.slots)) if self.as_root
                   else None)
            file_args, fds = _memfds(files)
            for fd in fds:
                stack.callback(os.close, fd)
            groups = (cgroups.create(limits.memory_mb, limits.processes,
                                     parent=self.cgroup_parent, tag=str(uid))
                      if self.as_root else cgroups.RunCgroups())
            stack.callback(groups.remove)
            setup = ChildSetup(
                rlimits=self.rlimits(limits, groups), cgroup_procs=tuple(groups.procs_files()),
                uid=uid, tools_mnt=TOOLS_MNT, binds=tuple(self.binds) if uid is not None else (),
            )
            launcher = compiled_launcher()
            prefix = [launcher, *setup.launcher_args(), "--"] if launcher else []
            try:
                raw = run_capped(
                    lambda fd: [*prefix,
                                *self._argv(command, limits, collect, env or {}, file_args, fd)],
                    timeout_s=limits.time_s,
                    output_cap=limits.output_bytes,
                    env={"PATH": BASE_PATH, "LANG": "C.UTF-8"},
                    kill_extra=groups.kill_all,
                    preexec=None if launcher else setup,
                    pass_fds=fds,
                )
            except (OSError, subprocess.SubprocessError) as exc:
                raise SandboxError(f"could not start the sandbox: {exc}") from exc
            groups.kill_all()
            return _interpret(raw, limits, collect, groups.oom_killed())
        raise AssertionError("unreachable")

    @staticmethod
    def rlimits(limits: Limits, groups: cgroups.RunCgroups) -> tuple[tuple[int, int], ...]:
        cpu = int(limits.cpu_s or limits.time_s) + 1
        # With a memory cgroup the address-space limit only stops runaway mappings;
        # compilers and JVMs reserve far more virtual memory than they use.
        as_mb = max(4 * limits.memory_mb, 4096) if groups.memory_dir else max(
            limits.memory_mb, 2048 if limits.memory_mb >= 512 else limits.memory_mb)
        return (
            (resource.RLIMIT_CPU, cpu), (resource.RLIMIT_AS, as_mb << 20),
            (resource.RLIMIT_FSIZE, limits.file_mb << 20), (resource.RLIMIT_NOFILE, 256),
            (resource.RLIMIT_NPROC, limits.processes), (resource.RLIMIT_CORE, 0),
        )

    def fixed_args(self) -> list[str]:
        """The part of bwrap's command line that is the same for every run."""
        tools = []
        for i, path in enumerate(self.binds):
            src = f"{TOOLS_MNT}/{i}" if self.as_root else path
            tools += ["--ro-bind", src, path]
        for path in self.hidden:
            tools += ["--size", "4096", "--tmpfs", path, "--remount-ro", path]
        # /tmp first: a toolchain (a checkout's venv, say) may live below the host's /tmp,
        # and a tmpfs mounted after its bind would hide it. --disable-userns needs an
        # explicit --unshare-user (--unshare-all only tries one).
        return [self.bwrap, "--unshare-all", "--unshare-user", "--disable-userns",
                "--die-with-parent", "--new-session",
                *_root_dirs(), "--proc", "/proc", "--dev", "/dev",
                "--size", str(64 << 20), "--tmpfs", "/tmp", *tools]

    def _argv(
        self,
        command: Sequence[str],
        limits: Limits,
        collect: Sequence[str],
        env: Mapping[str, str],
        file_args: list[str],
        artifact_fd: int,
    ) -> list[str]:
        """bwrap's whole command line; collected files are written to ``artifact_fd``."""
        envs: list[str] = []
        for key, value in {"PATH": self.path_env, "HOME": WORKDIR, "TMPDIR": "/tmp",
                           "LANG": "C.UTF-8", **env}.items():
            envs += ["--setenv", key, value]
        bwrap = [
            *self._fixed,
            "--size", str(limits.file_mb << 20), "--tmpfs", WORKDIR, *file_args,
            "--remount-ro", "/", "--clearenv", *envs, "--chdir", WORKDIR, "--",
        ]
        if not collect:
            return [*bwrap, *command]
        # Run; kill whatever the command left behind (so nothing can swap a file
        # under tar); keep the collected paths that are regular files reached
        # through no symlink; tar them into the artifact pipe. bash, because dash
        # cannot redirect to a descriptor above 9, and reopening the pipe through
        # /proc is refused to the sandbox uid (the pipe is root's).
        collect_q = " ".join(shlex.quote(c) for c in collect)
        inner = (
            '"$@"; rc=$?; kill -9 -1 2>/dev/null; keep=(); '
            f"for f in {collect_q}; do p=; ok=1; IFS=/; set -f; parts=($f); set +f; "
            'unset IFS; for c in "${parts[@]}"; do p="${p:+$p/}$c"; '
            '[ -L "$p" ] && ok=0; done; [ $ok = 1 ] && [ -f "$f" ] && keep+=("$f"); done; '
            '[ ${#keep[@]} -gt 0 ] && tar -cf - -- "${keep[@]}" 2>/dev/null '
            f">&{artifact_fd}; exit $rc"
        )
        return [*bwrap, "/bin/bash", "-c", inner, "sh", *command]


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
    if stderr.startswith(("bwrap:", "launcher:")):
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
