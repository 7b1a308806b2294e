"""How many sandboxes this machine can run at once: its cores and its memory.

A sandboxed attempt is CPU-bound (a test run, a compile) and may use up to its
task's memory limit (1 GiB by default), so the default number of workers is the
number of cores this process may run on, lowered where the available memory
would not hold that many attempts at their limit (plus some headroom each).
"""

from __future__ import annotations

import os
from pathlib import Path

PER_WORKER_MB = 1024 + 256  # the default task memory limit and the sandbox around it
MAX_WORKERS = 64


def cores() -> int:
    """CPUs this process may run on (affinity, and a cgroup v1/v2 CPU quota if set)."""
    n = len(os.sched_getaffinity(0))
    quota = _cpu_quota()
    return max(1, min(n, quota)) if quota else max(1, n)


def _cpu_quota() -> int | None:
    try:
        v2 = Path("/sys/fs/cgroup/cpu.max")
        if v2.exists():
            limit, per = v2.read_text().split()
            return None if limit == "max" else -(-int(limit) // int(per))
        quota = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").read_text())
        period = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us").read_text())
        return None if quota <= 0 else -(-quota // period)
    except (OSError, ValueError):
        return None


def available_mb() -> int | None:
    """MemAvailable from /proc/meminfo, in MiB (``None`` where unreadable)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_workers(per_worker_mb: int = PER_WORKER_MB) -> int:
    """Sandboxes to run at once by default: one per core, as far as memory allows."""
    n = cores()
    mem = available_mb()
    if mem is not None:
        n = min(n, max(1, mem // per_worker_mb))
    return max(1, min(n, MAX_WORKERS))
