"""A fake OpenAI-compatible server on a real loopback socket, scripted reply by reply.

Each request to ``POST /v1/chat/completions`` takes the next scripted reply:
``(status, headers, body)`` where body is a dict (sent as JSON) or a string.
When the script is empty it answers with ``default`` (a chat completion).
Every request body is recorded in ``requests``.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = tuple[int, dict[str, str], Any]


def completion(content: str, model: str = "fake-coder-1", prompt_tokens: int = 42,
               completion_tokens: int = 17, finish: str = "stop") -> dict[str, Any]:
    """A chat-completions response body in the OpenAI wire format."""
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": model,
        "choices": [{"index": 0, "finish_reason": finish,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


class FakeOpenAI:
    """Start with ``with FakeOpenAI(script) as srv:``; ``srv.base_url`` ends in ``/v1``."""

    def __init__(self, script: list[Reply] | None = None, default: Reply | None = None) -> None:
        self.script = list(script or [])
        self.default = default or (200, {}, completion("```python\npass\n```"))
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                with fake.lock:
                    fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                    try:
                        fake.requests.append(json.loads(raw))
                    except ValueError:
                        fake.requests.append({"raw": raw.decode(errors="replace")})
                    status, headers, body = fake.script.pop(0) if fake.script else fake.default
                if self.path != "/v1/chat/completions":
                    status, headers, body = 404, {}, {"error": {"message": "not found"}}
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
