"""Harness for hostile tests: each attack runs in its own pid namespace and pids cgroup.

``HostileRunner.run`` starts ``attack_driver.py`` through
``unshare --pid --fork --mount-proc`` inside a fresh pids cgroup (cgroup v1 at
/sys/fs/cgroup/pids/, or v2) with a small ``pids.max``, so that even a sandbox
that failed to contain a fork bomb or a ``kill -1`` could not reach the test
runner. The bwrap backend (as "bwrap", serving Python from warm zygote slots, and
as "bwrap-cold") is given a uid range and a cgroup parent of its own,
so that leftovers are attributable to the attack and not to a concurrent run.
After each run, :meth:`leftovers` lists whatever the attack left on the host.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codecanary.types import Execution, TestOutcome

CG = Path("/sys/fs/cgroup")
DRIVER = Path(__file__).with_name("attack_driver.py")
UID_BASE = 61900  # not the production range (61000...): leftovers are ours
SLOTS = 4
OUTER_PIDS_MAX = 200


def _v2() -> bool:
    return (CG / "cgroup.controllers").exists()


@dataclass
class HostileRunner:
    """One attack's containment: an outer pids cgroup and bookkeeping for leftovers."""

    backend: str
    name: str = field(default_factory=lambda: f"cc-hostile-{uuid.uuid4().hex[:8]}")

    def __post_init__(self) -> None:
        self.outer = CG / self.name if _v2() else CG / "pids" / self.name
        self.outer.mkdir()
        if _v2():
            with contextlib.suppress(OSError):
                (CG / "cgroup.subtree_control").write_text("+pids +memory")
        (self.outer / "pids.max").write_text(str(OUTER_PIDS_MAX))
        self.parent = f"{self.name}/codecanary"
        self.mounts_before = set(_codecanary_mounts())

    @property
    def warm(self) -> bool:
        """Whether Python runs are served by a warm zygote slot (bwrap's default)."""
        return self.backend == "bwrap"

    @property
    def engine(self) -> str:
        """The registered sandbox behind this variant ("bwrap-cold" is bwrap, warm off)."""
        return "bwrap" if self.backend.startswith("bwrap") else self.backend

    def options(self) -> dict[str, Any]:
        if self.engine != "bwrap":
            return {}
        return {"uid_base": UID_BASE, "slots": SLOTS, "cgroup_parent": self.parent,
                "warm": self.warm}

    def run(self, files: dict[str, str], command: list[str], *, collect: list[str] | None = None,
            env: dict[str, str] | None = None, **limits: Any) -> Execution:
        """Run ``command`` in the backend, from inside the attack's pid namespace and cgroup."""
        limits.setdefault("time_s", 20.0)
        request = {"backend": self.engine, "options": self.options(), "files": files,
                   "command": command, "limits": limits, "collect": collect or []}
        launcher = (f'echo $$ > {self.outer / "cgroup.procs"} && exec unshare --pid --fork '
                    f'--mount-proc -- "$@"')
        done = subprocess.run(
            ["/bin/sh", "-c", launcher, "sh", sys.executable, str(DRIVER)],
            input=json.dumps(request), capture_output=True, text=True,
            timeout=float(limits["time_s"]) + 60, env={**os.environ, **(env or {})},
        )
        if done.returncode != 0:
            raise AssertionError(f"attack driver failed ({done.returncode}): {done.stderr[-3000:]}")
        data = json.loads(done.stdout)
        data["tests"] = tuple(TestOutcome(**t) for t in data["tests"])
        data["diagnostics"] = tuple(data["diagnostics"])
        return Execution(**data)

    def leftovers(self) -> list[str]:
        """What the attack left on the host: processes, cgroups, mounts (empty when clean)."""
        found: list[str] = []
        procs = (self.outer / "cgroup.procs").read_text().split()
        found += [f"process {p} in the attack's cgroup" for p in procs]
        if self.engine == "bwrap":
            found += [f"process {pid} of sandbox uid {uid}" for pid, uid in _sandbox_processes()]
            for ctrl in ([CG] if _v2() else [CG / "memory", CG / "pids"]):
                found += [f"cgroup {d}" for d in (ctrl / self.parent).glob("*") if d.is_dir()]
                found += [f"cgroup {d}" for d in (ctrl / "codecanary").glob(f"{UID_BASE // 100}*")
                          if d.is_dir()]
        # Only new ones: an engine's image build may hold codecanary mounts meanwhile.
        found += [f"mount {m}" for m in _codecanary_mounts() if m not in self.mounts_before]
        return found

    def close(self) -> None:
        """Kill anything left in the attack's cgroup and remove the cgroups it used."""
        for _ in range(50):
            pids = (self.outer / "cgroup.procs").read_text().split()
            if not pids:
                break
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, ValueError):
                    os.kill(int(pid), signal.SIGKILL)
        for ctrl in ([CG] if _v2() else [CG / "memory", CG / "pids"]):
            top = ctrl / self.name
            for d in sorted(top.glob("**/"), key=lambda p: -len(p.parts)):
                with contextlib.suppress(OSError):
                    d.rmdir()


def _codecanary_mounts() -> list[str]:
    """Mount points (in the host's mount namespace) whose line names codecanary."""
    lines = Path("/proc/self/mountinfo").read_text().splitlines()
    return [ln.split()[4] for ln in lines if "codecanary" in ln]


def _sandbox_processes() -> list[tuple[int, int]]:
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            for line in status.read_text().splitlines():
                if line.startswith("Uid:"):
                    uid = int(line.split()[1])
                    if UID_BASE <= uid < UID_BASE + SLOTS:
                        out.append((int(status.parent.name), uid))
                    break
    return out
