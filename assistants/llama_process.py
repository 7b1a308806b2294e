"""A llama.cpp model in a child process that may crash, hang or be killed.

The local assistant, the local reviewer and the local generator all run GGUF
models through llama-cpp-python, whose native code can segfault, abort, hang
or be killed by the kernel for memory. :class:`LlamaProcess` keeps the model in
a worker process (:mod:`assistants.llama_worker`) and talks to it over pipes,
one JSON line each way. When the worker dies or stops answering, the call in
flight raises :class:`RuntimeCrash` (naming the signal and the worker's last
stderr lines): the caller records one infra error, and the next call starts a
fresh worker, so the night goes on.

``CODECANARY_LLAMA_WORKER`` replaces the worker command (split like a shell
line), e.g. to run it under ``nice`` or ``prlimit``; the tests use it to put a
worker that crashes on purpose in the runtime's place.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import queue
import shlex
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

WORKER_ENV = "CODECANARY_LLAMA_WORKER"
LOAD_TIMEOUT_S = 300.0


class RuntimeCrash(RuntimeError):
    """The model runtime died, hung or failed: the environment's fault, never the model's."""


def worker_command() -> list[str]:
    """The command that starts a worker (``$CODECANARY_LLAMA_WORKER`` or this Python)."""
    custom = os.environ.get(WORKER_ENV, "").strip()
    return shlex.split(custom) if custom else [sys.executable, "-m", "assistants.llama_worker"]


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "stopped answering"
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with status {code}"


class LlamaProcess:
    """One GGUF model in a restartable worker process; calls are serialised."""

    def __init__(self, path: Path, n_ctx: int, n_threads: int, seed: int = 0,
                 timeout_s: float = 900.0) -> None:
        self.path = path
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.seed = seed
        self.timeout_s = timeout_s
        self._proc: subprocess.Popen[bytes] | None = None
        self._replies: queue.Queue[bytes | None] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=20)
        self._lock = threading.Lock()
        self._started = 0

    @property
    def restarts(self) -> int:
        """Workers started after the first (each one after a crash or hang)."""
        return max(0, self._started - 1)

    def chat(self, **kwargs: Any) -> dict[str, Any]:
        """``Llama.create_chat_completion(**kwargs)`` in the worker."""
        result: dict[str, Any] = self._call({"op": "chat", "kwargs": kwargs}, self.timeout_s)
        return result

    def count_tokens(self, text: str) -> int:
        """How many tokens the model's tokenizer makes of ``text``."""
        return int(self._call({"op": "count", "text": text}, self.timeout_s))

    def close(self) -> None:
        """Stop the worker (it is started again by the next call)."""
        with self._lock:
            self._stop()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # at interpreter exit modules may be gone
            self._stop()

    # -- the worker -------------------------------------------------------------------------

    def _call(self, request: dict[str, Any], timeout_s: float) -> Any:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()
            return self._exchange(request, timeout_s)

    def _start(self) -> None:
        self._stop()
        self._replies = queue.Queue()
        self._stderr.clear()
        proc = subprocess.Popen(worker_command(), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        assert proc.stdout is not None and proc.stderr is not None
        threading.Thread(target=self._read_replies, args=(proc.stdout, self._replies),
                         daemon=True).start()
        threading.Thread(target=self._read_stderr, args=(proc.stderr,), daemon=True).start()
        self._proc = proc
        self._started += 1
        self._exchange({"op": "load", "path": str(self.path), "n_ctx": self.n_ctx,
                        "n_threads": self.n_threads, "seed": self.seed},
                       max(LOAD_TIMEOUT_S, self.timeout_s))

    def _exchange(self, request: dict[str, Any], timeout_s: float) -> Any:
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        try:
            proc.stdin.write(json.dumps(request).encode() + b"\n")
            proc.stdin.flush()
            line = self._replies.get(timeout=timeout_s)
        except (BrokenPipeError, OSError):
            line = None
        except queue.Empty:
            self._stop()
            raise RuntimeCrash(f"the llama.cpp runtime gave no reply in {timeout_s:.0f} s and "
                               "was killed") from None
        if line is None:
            try:
                code: int | None = proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                code = None
            self._stop()
            tail = " | ".join(self._stderr)[-600:]
            raise RuntimeCrash(f"the llama.cpp runtime {_describe_exit(code)}"
                               + (f"; its last output: {tail}" if tail else ""))
        reply = json.loads(line)
        if not reply.get("ok"):
            raise RuntimeCrash(f"the llama.cpp runtime failed: {reply.get('error')}")
        return reply.get("result")

    def _stop(self) -> None:
        proc = getattr(self, "_proc", None)
        if proc is None:
            return
        self._proc = None
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                proc.kill()
        proc.wait()
        if proc.stdin is not None:  # the reader threads close stdout and stderr at EOF
            proc.stdin.close()

    @staticmethod
    def _read_replies(stream: IO[bytes], out: queue.Queue[bytes | None]) -> None:
        with stream:
            for line in stream:
                out.put(line)
        out.put(None)

    def _read_stderr(self, stream: IO[bytes]) -> None:
        with stream:
            for line in stream:
                text = line.decode(errors="replace").strip()
                if text:
                    self._stderr.append(text)
