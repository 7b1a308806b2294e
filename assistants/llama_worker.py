"""The llama.cpp worker process: one GGUF model, answering JSON-lines requests.

llama-cpp-python is native code; a segfault, an abort or an out-of-memory kill
inside it would take the whole night down if it ran in the campaign's process.
So it runs here, in a child process started by :mod:`assistants.llama_process`,
which reads one JSON request per line on stdin and writes one JSON reply per
line on a private copy of stdout (fd 1 itself is pointed at stderr, so anything
the native library prints can never corrupt the protocol).

Requests: ``{"op": "load", "path", "n_ctx", "n_threads", "seed"}`` first, then
``{"op": "chat", "kwargs": {...}}`` (the arguments of
``Llama.create_chat_completion``) or ``{"op": "count", "text": ...}`` (tokens
in ``text``). Replies: ``{"ok": true, "result": ...}``, or ``{"ok": false,
"error": ...}`` when llama-cpp-python raised a Python exception (the worker
stays up). A native crash ends the process; the parent sees that and restarts.

Run as ``python -m assistants.llama_worker``.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, BinaryIO


def handle(state: dict[str, Any], request: dict[str, Any]) -> Any:
    """Carry out one request against the loaded model (``state["llm"]``)."""
    op = request.get("op")
    if op == "load":
        from llama_cpp import Llama

        state["llm"] = Llama(model_path=request["path"], n_ctx=request["n_ctx"],
                             n_threads=request["n_threads"],
                             n_threads_batch=request["n_threads"], seed=request["seed"],
                             verbose=False)
        return {"pid": os.getpid()}
    llm = state.get("llm")
    if llm is None:
        raise RuntimeError("no model loaded: send a load request first")
    if op == "chat":
        return llm.create_chat_completion(**request["kwargs"])
    if op == "count":
        return len(llm.tokenize(str(request["text"]).encode(), add_bos=False))
    raise ValueError(f"unknown request op {op!r}")


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """Answer requests until stdin closes."""
    state: dict[str, Any] = {}
    for line in requests:
        try:
            reply = {"ok": True, "result": handle(state, json.loads(line))}
        except Exception as exc:  # reported to the parent; the worker stays up
            reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        replies.write(json.dumps(reply).encode() + b"\n")
        replies.flush()


def main() -> None:
    """Keep the protocol on a private fd; send everything else printed to stderr."""
    proto = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    serve(sys.stdin.buffer, proto)


if __name__ == "__main__":
    main()
