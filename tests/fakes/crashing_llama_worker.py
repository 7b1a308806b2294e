"""The real llama.cpp worker, made to crash natively on chosen chat calls.

Started in place of the runtime through ``CODECANARY_LLAMA_WORKER``. It counts
chat requests across restarts in the file ``$CRASH_COUNTER`` and, on the calls
listed in ``$CRASH_CALLS`` (``"2,3"``: the 2nd and 3rd of the night), reads
address 0: a real SIGSEGV in the worker process, as a native bug in the runtime
would give. ``$HANG_CALLS`` lists calls on which it sleeps instead (a hang).
"""

from __future__ import annotations

import ctypes
import os
import time
from pathlib import Path
from typing import Any

from assistants import llama_worker

_real_handle = llama_worker.handle


def _calls(var: str) -> set[int]:
    return {int(n) for n in os.environ.get(var, "").split(",") if n.strip()}


def handle(state: dict[str, Any], request: dict[str, Any]) -> Any:
    """Count chat requests; crash or hang on the chosen ones; else the real handler."""
    if request.get("op") == "chat":
        counter = Path(os.environ["CRASH_COUNTER"])
        n = int(counter.read_text() or 0) + 1 if counter.exists() else 1
        counter.write_text(str(n))
        if n in _calls("CRASH_CALLS"):
            ctypes.string_at(0)  # SIGSEGV
        if n in _calls("HANG_CALLS"):
            time.sleep(3600)
    return _real_handle(state, request)


if __name__ == "__main__":
    llama_worker.handle = handle  # type: ignore[assignment]
    llama_worker.main()
