"""A fake Anthropic API on 127.0.0.1: the Messages and Message Batches wire protocol.

A real HTTP server (stdlib ``ThreadingHTTPServer``) on a loopback port, so the
``anthropic`` SDK and the real ``claude`` CLI talk to it over real sockets. It
speaks what they send and read:

* ``POST /v1/messages`` — JSON replies, or server-sent events when the request
  says ``"stream": true`` (message_start, content_block_start/delta/stop with
  ``text_delta`` and ``input_json_delta``, message_delta, message_stop);
* ``POST /v1/messages/count_tokens`` — a rough count (characters / 4);
* ``POST /v1/messages/batches``, ``GET /v1/messages/batches/<id>`` and
  ``GET /v1/messages/batches/<id>/results`` (JSON lines);
* ``GET /v1/models`` and anything else: logged, JSON 404 for unknown paths.

Tests script it: replies (text and/or ``tool_use`` blocks) are queued with
:meth:`FakeAnthropic.enqueue` and consumed one per ``/v1/messages`` call (and
one per batch request), faults (:class:`Fault` — 429 with retry-after, 529
overloaded, 500 — and :class:`Drop`, a connection closed without a reply) are
queued the same way or injected for any path with :meth:`FakeAnthropic.inject`.
Every request is logged with its headers and body.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """A successful message: text and/or tool_use blocks, with usage counts."""

    text: str = ""
    tool_uses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    model: str | None = None  # None: the requested model with a date suffix
    input_tokens: int = 120
    output_tokens: int = 60
    cache_read: int = 0
    cache_write: int = 0
    stop_reason: str | None = None  # None: tool_use when there are tool uses, else end_turn


@dataclass
class Fault:
    """An error reply: status, Anthropic error type, extra headers (e.g. retry-after)."""

    status: int
    error_type: str
    message: str = "fake fault"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Drop:
    """Close the connection without sending any reply."""


Item = Reply | Fault | Drop


def rate_limited(retry_after: float = 0.05) -> Fault:
    """429 with a retry-after header (seconds, as the API sends)."""
    return Fault(429, "rate_limit_error", "rate limited",
                 {"retry-after": f"{retry_after:g}", "x-should-retry": "true"})


def overloaded() -> Fault:
    """529: the API is overloaded."""
    return Fault(529, "overloaded_error", "Overloaded")


def server_error() -> Fault:
    """500: internal error."""
    return Fault(500, "api_error", "Internal server error")


@dataclass
class Logged:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    at: float


def served_model(requested: str) -> str:
    """The exact model id the fake reports for a requested (alias) model."""
    return requested if requested[-8:].isdigit() else f"{requested}-20260101"


def message_json(reply: Reply, requested_model: str, ids: Callable[[str], str]) -> dict[str, Any]:
    """The Messages API JSON body of ``reply``."""
    content: list[dict[str, Any]] = []
    if reply.text:
        content.append({"type": "text", "text": reply.text})
    for name, args in reply.tool_uses:
        content.append({"type": "tool_use", "id": ids("toolu"), "name": name, "input": args})
    stop = reply.stop_reason or ("tool_use" if reply.tool_uses else "end_turn")
    return {
        "id": ids("msg"), "type": "message", "role": "assistant",
        "model": reply.model or served_model(requested_model), "content": content,
        "stop_reason": stop, "stop_sequence": None,
        "usage": {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens,
                  "cache_creation_input_tokens": reply.cache_write,
                  "cache_read_input_tokens": reply.cache_read,
                  "service_tier": "standard"},
    }


def sse_events(message: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The streaming events that rebuild ``message`` on the client."""
    start = dict(message, content=[], stop_reason=None,
                 usage=dict(message["usage"], output_tokens=1))
    events: list[tuple[str, dict[str, Any]]] = [("message_start",
                                                 {"type": "message_start", "message": start})]
    for i, block in enumerate(message["content"]):
        if block["type"] == "text":
            events.append(("content_block_start", {"type": "content_block_start", "index": i,
                                                   "content_block": {"type": "text", "text": ""}}))
            events.append(("content_block_delta", {"type": "content_block_delta", "index": i,
                                                   "delta": {"type": "text_delta",
                                                             "text": block["text"]}}))
        else:
            events.append(("content_block_start", {
                "type": "content_block_start", "index": i,
                "content_block": {"type": "tool_use", "id": block["id"], "name": block["name"],
                                  "input": {}}}))
            events.append(("content_block_delta", {
                "type": "content_block_delta", "index": i,
                "delta": {"type": "input_json_delta", "partial_json": json.dumps(block["input"])}}))
        events.append(("content_block_stop", {"type": "content_block_stop", "index": i}))
    events.append(("message_delta", {
        "type": "message_delta",
        "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
        "usage": {"output_tokens": message["usage"]["output_tokens"]}}))
    events.append(("message_stop", {"type": "message_stop"}))
    return events


class FakeAnthropic:
    """The fake server; use as a context manager or call start()/stop()."""

    def __init__(self, default: Item | Callable[[dict[str, Any]], Item] | None = None,
                 batch_polls: int = 1, require_key: bool = True) -> None:
        self.queue: list[Item] = []
        self.default = default if default is not None else Reply(text="ok")
        self.batch_polls = batch_polls  # retrieves that still answer in_progress
        self.require_key = require_key
        self.log: list[Logged] = []
        self.batches: dict[str, dict[str, Any]] = {}
        self._injected: list[tuple[str, str, Item]] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting -------------------------------------------------------------------------

    def enqueue(self, *items: Item) -> None:
        """Answer the next /v1/messages calls (and batch requests) with ``items``, in order."""
        with self._lock:
            self.queue.extend(items)

    def inject(self, method: str, path_prefix: str, *items: Fault | Drop) -> None:
        """Answer the next requests matching method and path prefix with these faults."""
        with self._lock:
            self._injected.extend((method, path_prefix, it) for it in items)

    def next_item(self, body: dict[str, Any]) -> Item:
        """The scripted answer to one message request."""
        with self._lock:
            if self.queue:
                return self.queue.pop(0)
        return self.default(body) if callable(self.default) else self.default

    def new_id(self, prefix: str) -> str:
        """A fresh id like ``msg_fake0001``."""
        return f"{prefix}_fake{next(self._ids):04d}"

    def paths(self) -> list[str]:
        """``METHOD path`` of every logged request, in order."""
        return [f"{r.method} {r.path}" for r in self.log]

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL (``http://127.0.0.1:PORT``)."""
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self, port: int = 0) -> FakeAnthropic:
        """Listen on 127.0.0.1:``port`` (0: any free port) in a daemon thread."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeAnthropic:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- batches -----------------------------------------------------------------------------

    def batch_json(self, bid: str) -> dict[str, Any]:
        """The MessageBatch object of ``bid`` in its current state."""
        b = self.batches[bid]
        ended = b["results"] is not None
        counts = {"processing": 0 if ended else len(b["requests"]), "succeeded": 0,
                  "errored": 0, "canceled": 0, "expired": 0}
        for r in b["results"] or []:
            counts[r["result"]["type"]] += 1
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return {"id": bid, "type": "message_batch",
                "processing_status": "ended" if ended else "in_progress",
                "request_counts": counts, "created_at": b["created_at"], "ended_at":
                now if ended else None, "expires_at": b["created_at"], "archived_at": None,
                "cancel_initiated_at": None,
                "results_url": f"{self.url}/v1/messages/batches/{bid}/results" if ended else None}

    def process_batch(self, bid: str) -> None:
        """Answer every request of batch ``bid`` from the script."""
        b = self.batches[bid]
        results = []
        for req in b["requests"]:
            item = self.next_item(req["params"])
            if isinstance(item, Reply):
                msg = message_json(item, req["params"].get("model", "fake"), self.new_id)
                msg["usage"]["service_tier"] = "batch"
                result: dict[str, Any] = {"type": "succeeded", "message": msg}
            else:
                etype = item.error_type if isinstance(item, Fault) else "api_error"
                result = {"type": "errored", "error": {"type": "error", "error": {
                    "type": etype, "message": "fake batch error"}}}
            results.append({"custom_id": req["custom_id"], "result": result})
        b["results"] = results


class _Handler(BaseHTTPRequestHandler):
    fake: FakeAnthropic
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: requests are in ``fake.log``."""

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode(errors="replace")
        path = self.path.split("?")[0]
        fake = self.fake
        with fake._lock:
            headers = {k.lower(): v for k, v in self.headers.items()}
            fake.log.append(Logged(method, self.path, headers, body, time.time()))
            injected = next((i for i, (m, p, _) in enumerate(fake._injected)
                             if m == method and path.startswith(p)), None)
            item = fake._injected.pop(injected)[2] if injected is not None else None
        if item is not None:
            self._fault(item)
            return
        if fake.require_key and not (self.headers.get("x-api-key")
                                     or self.headers.get("authorization")):
            self._fault(Fault(401, "authentication_error", "x-api-key header is required"))
            return
        if method == "POST" and path == "/v1/messages":
            self._message(body if isinstance(body, dict) else {})
        elif method == "POST" and path == "/v1/messages/count_tokens":
            self._json(200, {"input_tokens": max(1, len(raw) // 4)})
        elif method == "POST" and path == "/v1/messages/batches":
            self._create_batch(body if isinstance(body, dict) else {})
        elif method == "GET" and path.startswith("/v1/messages/batches/"):
            self._batch_get(path.removeprefix("/v1/messages/batches/"))
        elif method == "GET" and path == "/v1/models":
            self._json(200, {"data": [], "has_more": False, "first_id": None, "last_id": None})
        else:
            self._fault(Fault(404, "not_found_error", f"fake: no route {method} {path}"))

    def _message(self, body: dict[str, Any]) -> None:
        item = self.fake.next_item(body)
        if not isinstance(item, Reply):
            self._fault(item)
            return
        msg = message_json(item, str(body.get("model", "fake")), self.fake.new_id)
        if not body.get("stream"):
            self._json(200, msg)
            return
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("request-id", self.fake.new_id("req"))
        self.send_header("connection", "close")
        self.end_headers()
        for name, data in sse_events(msg):
            self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()
        self.close_connection = True

    def _create_batch(self, body: dict[str, Any]) -> None:
        fake = self.fake
        bid = fake.new_id("msgbatch")
        fake.batches[bid] = {"requests": list(body.get("requests", [])), "polls": 0,
                             "results": None,
                             "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self._json(200, fake.batch_json(bid))

    def _batch_get(self, rest: str) -> None:
        fake = self.fake
        bid, _, tail = rest.partition("/")
        if bid not in fake.batches:
            self._fault(Fault(404, "not_found_error", f"no batch {bid}"))
            return
        b = fake.batches[bid]
        if tail == "results":
            if b["results"] is None:
                self._fault(Fault(400, "invalid_request_error", "batch still processing"))
                return
            data = "".join(json.dumps(r) + "\n" for r in b["results"]).encode()
            self._send(200, data, "application/binary")
            return
        b["polls"] += 1
        if b["results"] is None and b["polls"] > fake.batch_polls:
            fake.process_batch(bid)
        self._json(200, fake.batch_json(bid))

    def _fault(self, item: Fault | Drop | Reply) -> None:
        if isinstance(item, Drop):
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        assert isinstance(item, Fault)
        body = {"type": "error", "error": {"type": item.error_type, "message": item.message},
                "request_id": self.fake.new_id("req")}
        self._send(item.status, json.dumps(body).encode(), "application/json", item.headers)

    def _json(self, status: int, obj: Any) -> None:
        self._send(status, json.dumps(obj).encode(), "application/json")

    def _send(self, status: int, data: bytes, ctype: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", self.fake.new_id("req"))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
