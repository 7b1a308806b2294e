"""The Python runner's watchdog: an all-threads stack dump shortly before the wall-clock kill.

A run that times out is either slow or stuck; the dump taken just before the kill
lets the failure classifier (:mod:`reviewers.failures`) tell a deadlock (threads
blocked waiting) from a plain timeout. The runner appends :data:`STACK_DUMP_CONFTEST`
to its conftest and collects :data:`STACKS_FILE`.
"""

from __future__ import annotations

STACKS_FILE = ".cc/stacks.txt"
"""Where the Python runner's watchdog writes its all-threads stack dump."""

STACK_DUMP_CONFTEST = '''
# codecanary watchdog: dump every thread's stack shortly before the wall-clock kill,
# then exit, so that the dump is collected and a deadlock can be told from a timeout.
# The budget counts from the run's start, since interpreter and plugin start-up already
# used part of it: CC_RUN_STARTED (the host's clock when the run was planned; a
# sandbox shares the host's kernel clock), else the start of pid 1 of the pid namespace.
# (pid 1 alone is wrong in a reused container, whose pid 1 may be hours old.)
import faulthandler as _cc_fh
import os as _cc_os
import time as _cc_time


def _cc_elapsed():
    started = float(_cc_os.environ.get("CC_RUN_STARTED") or 0)
    if started > 0:
        return max(0.0, _cc_time.time() - started)
    try:
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        for pid in ("1", "self"):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    start = int(f.read().rsplit(")", 1)[1].split()[19])
                return max(0.0, uptime - start / _cc_os.sysconf("SC_CLK_TCK"))
            except (OSError, IndexError, ValueError):
                continue
    except (OSError, ValueError):
        pass
    return 0.0


_cc_after = float(_cc_os.environ.get("CC_STACK_DUMP_AFTER") or 0)
if _cc_after > 0:
    _cc_os.makedirs(".cc", exist_ok=True)
    _cc_dump = open(".cc/stacks.txt", "w")
    _cc_fh.dump_traceback_later(max(0.2, _cc_after - _cc_elapsed()), exit=True, file=_cc_dump)
'''
"""Appended to the Python runner's conftest (reads ``CC_STACK_DUMP_AFTER`` seconds)."""


def stack_dump_after(time_s: float) -> float:
    """When the watchdog dumps stacks: shortly before a wall-clock limit of ``time_s``."""
    return max(0.5, min(time_s * 0.85, time_s - 2.0))
