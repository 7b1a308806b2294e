"""The docker backend: warm containers on any Docker-API engine (Docker, or Podman's service).

Each container is started once per limit shape (memory, processes, work-dir size)
from the base image built by ``scripts/docker-engine.sh`` (Debian bookworm with
python3 + pytest + hypothesis, g++, rustc, node and a headless JDK), and reused:

* network none, read-only root, size-capped tmpfs for ``/box`` and ``/tmp``,
  every capability dropped, no-new-privileges, an unprivileged uid, memory
  (swap included) and pids limits, and no user namespaces of its own (a seccomp
  profile on Podman, see :mod:`sandbox.docker_seccomp`);
* PID 1 is a tiny reaper (orphans and zombies are collected; signals from inside
  the container cannot reach it, so the code under test cannot stop the box);
* one run is one ``exec`` of a wrapper (see :mod:`sandbox.docker_exec`) that
  wipes the work directory, unpacks the files, runs the command under rlimits,
  kills what it left behind and returns the collected files;
* the host enforces the wall clock and the output caps, and on any abnormal end
  runs a clean-up exec that kills every process of the sandbox uid.

Containers are removed by :meth:`DockerSandbox.close`, on leaving a ``with``
block, at interpreter exit, and (for a process that died) by the next sandbox
started on the same host. The ``docker`` SDK is imported only here, lazily.

Runners build commands with host paths (the sandbox's Python runtime, rustup's rustc);
:func:`image_command` maps them to the image's tools (see its docstring).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import signal
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from codecanary.languages import specs
from codecanary.registry import register
from codecanary.types import Execution, Files, Limits
from sandbox.base import WORKDIR, SandboxError, cap, read_artifacts_tar
from sandbox.docker_exec import CLEANUP_SCRIPT, input_tar, parse_trailer, pump, wrapper_script
from sandbox.docker_seccomp import security_options

BASE_IMAGE = "codecanary-base:bookworm-1"
"""Built by scripts/docker-engine.sh (keep its BASE_TAG in step)."""
PODMAN_SOCKET = "unix:///run/codecanary/podman.sock"
DOCKER_SOCKET = "unix:///var/run/docker.sock"
USER = "62000:62000"
LABEL = "codecanary.sandbox"
IMAGE_PATH = "/usr/local/bin:/usr/bin:/bin"
FIX = "run `bash scripts/docker-engine.sh` (it prints the DOCKER_HOST to export)"

REAPER = (
    "import os, signal\n"
    "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})\n"
    "while True:\n"
    "    signal.sigwait({signal.SIGCHLD})\n"
    "    try:\n"
    "        while os.waitpid(-1, os.WNOHANG)[0] > 0:\n"
    "            pass\n"
    "    except ChildProcessError:\n"
    "        pass\n"
)
"""PID 1 of every box: reaps orphans; installs no handler, so the kernel drops signals to it."""

def tools() -> dict[str, str]:
    """Tool basename (as a runner may name it on the host) -> the image's command,
    from every language's spec (:attr:`~codecanary.languages.LanguageSpec.image_tools`)."""
    return {name: tool for s in specs() for name, tool in s.image_tools.items()}


def _tool(path: str) -> str | None:
    name = PurePosixPath(path).name
    for s in specs():
        for pattern, tool in s.versioned_tools:
            if re.fullmatch(pattern, name):
                return tool
    return tools().get(name)


def _host_tools() -> dict[str, str]:
    """Host toolchain executables the languages' runners name -> the image's tool."""
    candidates = [p for s in specs() if s.toolchain for p in s.toolchain.executables()]
    out: dict[str, str] = {}
    for path in filter(None, candidates):
        for p in {path, os.path.realpath(path)}:
            tool = _tool(p)
            if tool and p.startswith("/"):
                out[p] = tool
    return out


RUNNER_DIR = ".cc/"
"""Where runners keep their own plumbing (results, the differential config)."""


def _map_paths(text: str, host: Mapping[str, str]) -> str:
    for path in sorted(host, key=len, reverse=True):
        if path in text:
            text = re.sub(rf"(?<![\w./-]){re.escape(path)}(?![\w./-])", host[path], text)
    return text


def image_command(command: Sequence[str]) -> list[str]:
    """Make a runner's host command run in the image.

    The contract for runners: name a tool either bare (``python3``, ``rustc``,
    ``g++``, ``node``, ``javac``/``java``: found on the box's PATH) or by the host
    path that :mod:`sandbox.toolchains` gives. Such host paths are replaced, as
    whole words, in every argument (so also inside ``sh -c`` scripts), and a first
    argument whose basename is a known tool becomes that tool.
    """
    host = _host_tools()
    out: list[str] = []
    for i, arg in enumerate(command):
        if i == 0 and arg.startswith("/") and (tool := _tool(arg)):
            out.append(tool)
        else:
            out.append(_map_paths(arg, host))
    return out


def image_files(files: Files) -> Files:
    """The same mapping inside the runner's own files under ``.cc/`` (e.g. the
    differential harness's build command in ``.cc/differential.json``)."""
    host = _host_tools()
    return {name: _map_paths(text, host) if name.startswith(RUNNER_DIR) else text
            for name, text in files.items()}


@dataclass
class _Box:
    """One warm container; ``lock`` is held by the run using it."""

    container: Any
    oom: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _engine_url() -> str:
    if os.environ.get("DOCKER_HOST"):
        return os.environ["DOCKER_HOST"]
    if os.path.exists(PODMAN_SOCKET.removeprefix("unix://")):
        return PODMAN_SOCKET
    return DOCKER_SOCKET


@register("sandbox", "docker")
class DockerSandbox:
    """Warm-container sandbox on a Docker-API engine (see the module docstring)."""

    name = "docker"
    host_toolchains = False  # the image's tools run, whatever the host lacks

    def __init__(self, image: str = BASE_IMAGE, base_url: str | None = None) -> None:
        try:
            import docker
        except ImportError as exc:  # pragma: no cover - docker is a dependency
            raise SandboxError("the docker SDK is missing: pip install docker") from exc
        self.image = image
        self.base_url = base_url or _engine_url()
        self._errors: tuple[type[BaseException], ...] = (docker.errors.DockerException, OSError)
        try:
            self.client = docker.DockerClient(base_url=self.base_url, timeout=60)
            self.client.ping()
        except Exception as exc:
            raise SandboxError(f"no Docker-API engine answers at {self.base_url} ({exc}); "
                               f"{FIX}") from exc
        try:
            self.client.images.get(image)
        except docker.errors.ImageNotFound as exc:
            raise SandboxError(f"base image {image} is missing on {self.base_url}; {FIX}") from exc
        self.security_opt = self._security_opt()
        self._boxes: dict[tuple[int, int, int], list[_Box]] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._reap_orphans()
        atexit.register(self.close)

    def _security_opt(self) -> list[str]:
        """The boxes' security options for this engine (see :mod:`sandbox.docker_seccomp`)."""
        try:
            components = self.client.version().get("Components") or []
        except self._errors as exc:
            raise SandboxError(f"the engine at {self.base_url} does not say what it is "
                               f"({exc}); {FIX}") from exc
        return security_options(components, self.base_url)

    def __enter__(self) -> DockerSandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self,
        files: Files,
        command: Sequence[str],
        limits: Limits,
        *,
        collect: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> Execution:
        """Run ``command`` in a warm box holding ``files`` (see sandbox.base.Sandbox).

        A box found stopped (its PID 1 died, or someone removed it) is replaced
        once; any other engine failure raises :class:`SandboxError`.
        """
        argv = image_command(command)
        for attempt in (1, 2):
            box = self._acquire(limits)
            try:
                return self._run(box, image_files(files), argv, limits, collect, env or {})
            except self._errors as exc:
                self._discard(box)
                if attempt == 1 and self._stopped(box):
                    continue
                raise SandboxError(f"docker sandbox failed on {self.base_url}: {exc}; "
                                   f"if the engine is down, {FIX}") from exc
            finally:
                box.lock.release()
        raise AssertionError("unreachable")

    def _stopped(self, box: _Box) -> bool:
        """The engine answers and says the box is not running."""
        try:
            box.container.reload()
        except self._errors as exc:
            return "No such container" in str(exc) or "no such container" in str(exc)
        return bool(box.container.status != "running")

    def ping(self) -> bool:
        """Whether the engine answers now."""
        try:
            return bool(self.client.ping())
        except self._errors:
            return False

    def containers(self) -> list[str]:
        """Ids of this sandbox's warm containers."""
        with self._lock:
            return [b.container.id for boxes in self._boxes.values() for b in boxes]

    def close(self) -> None:
        """Remove every container this sandbox started (idempotent)."""
        with self._lock:
            boxes = [b for bs in self._boxes.values() for b in bs]
            self._boxes.clear()
            self._closed = True
        for box in boxes:
            self._remove(box.container)
        atexit.unregister(self.close)

    # -- one run -------------------------------------------------------------------------

    def _run(self, box: _Box, files: Files, command: list[str], limits: Limits,
             collect: Sequence[str], env: Mapping[str, str]) -> Execution:
        api = self.client.api
        payload = input_tar(files)
        cpu = int(limits.cpu_s or limits.time_s) + 1
        argv = ["/bin/sh", "-c", wrapper_script(collect), "cc", str(len(payload)), str(cpu),
                str(limits.file_mb * 2048), *command]
        environment = {"PATH": IMAGE_PATH, "HOME": WORKDIR, "TMPDIR": "/tmp", "LANG": "C.UTF-8",
                       **env}
        start = time.monotonic()
        exec_id = api.exec_create(box.container.id, argv, stdin=True, environment=environment,
                                  workdir=WORKDIR, user=USER)["Id"]
        sock = api.exec_start(exec_id, socket=True)
        raw: socket.socket = getattr(sock, "_sock", sock)
        try:
            streamed = pump(raw, payload, deadline=start + limits.time_s,
                            output_cap=limits.output_bytes)
        finally:
            raw.close()
            sock.close()
        abnormal = streamed.timed_out or streamed.exceeded or not streamed.eof
        oom_now = self._cleanup(box) if abnormal else None
        rc = self._exit_code(exec_id)
        duration = time.monotonic() - start
        trailer = parse_trailer(streamed.stdout) if streamed.eof else None
        if trailer is not None and trailer.rc != rc:
            trailer = None  # forged by the code under test, or the wrapper was killed
        if oom_now is None:
            oom_now = trailer.oom if trailer is not None else self._cleanup(box)
        memory, box.oom = oom_now > box.oom, max(oom_now, box.oom)
        sig = rc - 128 if rc > 128 else (-rc if rc < 0 else 0)
        if streamed.timed_out:
            verdict = "timeout"
        elif streamed.exceeded:
            verdict = "output-limit"
        elif memory:
            verdict = "memory"
        elif sig == signal.SIGXCPU or (sig == signal.SIGKILL and duration >= cpu - 1):
            verdict = "cpu"
        elif sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGABRT, signal.SIGSEGV,
                     signal.SIGBUS):
            verdict = "killed"
        else:
            verdict = "ok"
        infra = None
        if trailer is not None and trailer.setup_failed:
            infra = f"docker sandbox could not unpack the work directory: {streamed.stdout[:500]!r}"
        artifacts = trailer.artifacts if trailer is not None else b""
        return Execution(
            exit_code=rc,
            verdict=verdict,  # type: ignore[arg-type]
            stdout=cap(streamed.command_stdout(), limits.output_bytes),
            stderr=cap(bytes(streamed.stderr), limits.output_bytes),
            duration_s=duration,
            infra_error=infra,
            artifacts=read_artifacts_tar(artifacts, collect) if collect else {},
        )

    def _exit_code(self, exec_id: str) -> int:
        """The exec's exit status, once the engine reports it finished (-9 if it never does)."""
        for _ in range(100):
            info = self.client.api.exec_inspect(exec_id)
            if not info.get("Running") and info.get("ExitCode") is not None:
                return int(info["ExitCode"])
            time.sleep(0.02)
        return -signal.SIGKILL

    def _cleanup(self, box: _Box) -> int:
        """Kill every sandbox-uid process in the box, wipe it; return its OOM-kill counter."""
        out = box.container.exec_run(["/bin/sh", "-c", CLEANUP_SCRIPT], user=USER)
        m = re.search(rb"oom=(\d+)", out.output or b"")
        return int(m.group(1)) if m else box.oom

    # -- the pool --------------------------------------------------------------------------

    def _acquire(self, limits: Limits) -> _Box:
        """A free warm box of this limit shape, locked for the caller; started if none is free."""
        key = (limits.memory_mb, limits.processes, limits.file_mb)
        with self._lock:
            if self._closed:
                raise SandboxError("this docker sandbox was closed")
            for box in self._boxes.get(key, []):
                if box.lock.acquire(blocking=False):
                    return box
        try:
            container = self._start(limits)
        except self._errors as exc:
            raise SandboxError(f"could not start a container from {self.image} on "
                               f"{self.base_url}: {exc}; {FIX}") from exc
        box = _Box(container)
        box.lock.acquire()
        with self._lock:
            self._boxes.setdefault(key, []).append(box)
        return box

    def _start(self, limits: Limits) -> Any:
        mem = f"{limits.memory_mb}m"
        return self.client.containers.run(
            self.image, ["python3", "-I", "-S", "-c", REAPER],
            detach=True, user=USER, working_dir=WORKDIR, network_mode="none", read_only=True,
            tmpfs={WORKDIR: f"size={limits.file_mb}m,mode=1777,exec,nosuid,nodev",
                   "/tmp": "size=64m,mode=1777,exec,nosuid,nodev",
                   "/var/tmp": "size=16m,mode=1777,nosuid,nodev"},
            cap_drop=["ALL"], security_opt=self.security_opt, mem_limit=mem,
            memswap_limit=mem, pids_limit=limits.processes + 8, ipc_mode="private",
            environment={"PATH": IMAGE_PATH, "LANG": "C.UTF-8"},
            labels={LABEL: "1", f"{LABEL}.host": socket.gethostname(),
                    f"{LABEL}.pid": str(os.getpid())},
        )

    def _discard(self, box: _Box) -> None:
        with self._lock:
            for boxes in self._boxes.values():
                if box in boxes:
                    boxes.remove(box)
        self._remove(box.container)

    def _remove(self, container: Any) -> None:
        with contextlib.suppress(*self._errors):
            container.remove(force=True)

    def _reap_orphans(self) -> None:
        """Remove boxes left by codecanary processes of this host that are gone."""
        host = socket.gethostname()
        with contextlib.suppress(*self._errors):
            for c in self.client.containers.list(all=True, filters={"label": LABEL}):
                labels = c.labels or {}
                if labels.get(f"{LABEL}.host") != host:
                    continue
                pid = labels.get(f"{LABEL}.pid", "")
                if not pid.isdigit() or not os.path.exists(f"/proc/{pid}"):
                    self._remove(c)
