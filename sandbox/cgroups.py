"""Memory and pids cgroups for one sandboxed run (cgroup v1 or v2).

Where the controllers are writable (root on this kind of host), every sandbox gets
its own cgroup: a hard memory limit, a pids limit, an OOM record to read the
verdict from, and a list of every process to kill at the end. Where they are not,
the run degrades to rlimits alone and a warning is logged once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)
ROOT = Path("/sys/fs/cgroup")
_warned = False


@dataclass
class RunCgroups:
    """The cgroup directories of one run (empty when cgroups are unavailable)."""

    dirs: list[Path] = field(default_factory=list)
    memory_dir: Path | None = None
    v2: bool = False

    def procs_files(self) -> list[str]:
        """Files a launcher writes its pid into to join every cgroup of the run."""
        return [str(d / "cgroup.procs") for d in self.dirs]

    def oom_killed(self) -> bool:
        """Whether the memory limit was hit (an OOM kill or a failed charge)."""
        return self.oom_count() > 0

    def oom_count(self) -> int:
        """How often the memory limit was hit so far (OOM kills plus failed charges)."""
        if self.memory_dir is None:
            return 0
        try:
            if self.v2:
                events = (self.memory_dir / "memory.events").read_text()
                return sum(int(line.split()[1]) for line in events.splitlines()
                           if line.strip() and line.split()[0] in ("oom_kill", "max"))
            oom = (self.memory_dir / "memory.oom_control").read_text()
            kills = [ln for ln in oom.splitlines() if ln.startswith("oom_kill ")]
            failcnt = int((self.memory_dir / "memory.failcnt").read_text().strip() or 0)
            return failcnt + (int(kills[0].split()[1]) if kills else 0)
        except (OSError, ValueError, IndexError):
            return 0

    def set_limits(self, memory_mb: int, pids: int) -> None:
        """Change the limits of a live cgroup (a warm slot's, before each attempt).

        The memory limit is ``memory_mb`` on top of what the cgroup already uses, so
        a long-lived process in it (the zygote) does not eat the attempt's share.
        """
        try:
            if self.memory_dir is not None:
                usage = "memory.current" if self.v2 else "memory.usage_in_bytes"
                used = int((self.memory_dir / usage).read_text().strip() or 0)
                limit = str(used + (memory_mb << 20))
                if self.v2:
                    (self.memory_dir / "memory.max").write_text(limit)
                else:  # memsw >= limit at every step: raise or lower in the right order
                    memsw = self.memory_dir / "memory.memsw.limit_in_bytes"
                    with contextlib.suppress(OSError):
                        memsw.write_text(limit)
                    (self.memory_dir / "memory.limit_in_bytes").write_text(limit)
                    with contextlib.suppress(OSError):
                        memsw.write_text(limit)
            for d in self.dirs:
                if (d / "pids.max").exists():
                    (d / "pids.max").write_text(str(pids))
        except (OSError, ValueError) as exc:
            log.warning("could not set the limits of %s: %s", self.dirs, exc)

    def kill_all(self) -> None:
        """SIGKILL every process left in the run's cgroups."""
        for d in self.dirs:
            with contextlib.suppress(OSError):
                for pid in (d / "cgroup.procs").read_text().split():
                    with contextlib.suppress(ProcessLookupError, ValueError):
                        os.kill(int(pid), signal.SIGKILL)

    def remove(self) -> None:
        """Kill what is left and delete the cgroups (retrying briefly while they drain)."""
        for _ in range(50):
            self.kill_all()
            left = []
            for d in self.dirs:
                try:
                    d.rmdir()
                except FileNotFoundError:
                    pass
                except OSError:
                    left.append(d)
            if not left:
                return
            time.sleep(0.02)
        log.warning("could not remove cgroups %s", [str(d) for d in self.dirs])


def _warn_once(msg: str) -> None:
    global _warned
    if not _warned:
        _warned = True
        log.warning(msg)


def create(memory_mb: int, pids: int, *, parent: str = "codecanary", tag: str = "") -> RunCgroups:
    """Create the cgroups of one run, or return an empty set (with a warning) if not possible.

    They are named ``<parent>/<tag>-<random>`` below each controller's root; the
    tag (the sandbox uid) tells, when one is left behind, which sandbox slot it was.
    """
    name = f"{parent.strip('/')}/{tag}-{uuid.uuid4().hex[:10]}" if tag else (
        f"{parent.strip('/')}/{uuid.uuid4().hex[:12]}")
    if (ROOT / "cgroup.controllers").exists():
        return _create_v2(name, memory_mb, pids)
    made = RunCgroups()
    try:
        mem = ROOT / "memory" / name
        mem.mkdir(parents=True)
        made.dirs.append(mem)
        (mem / "memory.limit_in_bytes").write_text(str(memory_mb << 20))
        with contextlib.suppress(OSError):  # swap accounting may be off
            (mem / "memory.memsw.limit_in_bytes").write_text(str(memory_mb << 20))
        made.memory_dir = mem
        pid_dir = ROOT / "pids" / name
        pid_dir.mkdir(parents=True)
        made.dirs.append(pid_dir)
        (pid_dir / "pids.max").write_text(str(pids))
    except OSError as exc:
        made.remove()
        _warn_once(f"cgroups not writable ({exc}); sandbox limits fall back to rlimits only")
        return RunCgroups()
    return made


def _create_v2(name: str, memory_mb: int, pids: int) -> RunCgroups:
    d = ROOT / name
    try:
        d.parent.mkdir(parents=True, exist_ok=True)
        depth = len(d.relative_to(ROOT).parts) - 1
        for level in [ROOT, *reversed(d.parents[:depth])]:  # top-down
            with contextlib.suppress(OSError):
                (level / "cgroup.subtree_control").write_text("+memory +pids")
        d.mkdir()
        (d / "memory.max").write_text(str(memory_mb << 20))
        with contextlib.suppress(OSError):
            (d / "memory.swap.max").write_text("0")
        (d / "pids.max").write_text(str(pids))
    except OSError as exc:
        with contextlib.suppress(OSError):
            d.rmdir()
        _warn_once(f"cgroup v2 controllers not writable ({exc}); falling back to rlimits only")
        return RunCgroups()
    return RunCgroups(dirs=[d], memory_dir=d, v2=True)
