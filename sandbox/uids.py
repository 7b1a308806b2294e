"""Exclusive unprivileged uids for sandboxed runs, one per concurrent sandbox.

RLIMIT_NPROC counts processes per uid system-wide, so two runs sharing a uid
would share one process budget (and could signal each other): every run, cold
or warm slot, holds its own uid from a file-locked pool for as long as it lives.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

SLOT_DIR = Path("/run/codecanary/slots")


@contextlib.contextmanager
def uid_slot(uid_base: int, slots: int) -> Iterator[int]:
    """Hold an exclusive uid for one run, chosen among ``slots`` by file lock."""
    SLOT_DIR.mkdir(parents=True, exist_ok=True)
    while True:
        for uid in range(uid_base, uid_base + slots):
            fd = os.open(SLOT_DIR / f"{uid}.lock", os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield uid
            finally:
                os.close(fd)
            return
        fd = os.open(SLOT_DIR / f"{uid_base}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)  # all busy: wait for the first slot
        os.close(fd)
