"""Request statistics shared by the worker threads of a server."""

import threading


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.requests = 0
        self.errors = 0
        self.by_status = {}

    def record(self, status):
        with self._lock:
            self.requests += 1
            if status >= 500:
                self.errors += 1
            self.by_status[status] = self.by_status.get(status, 0) + 1

    def merge(self, other):
        snap = other.snapshot()
        with self._lock:
            merged = {s: self.by_status.get(s, 0) + n for s, n in snap["by_status"].items()}
            self.by_status.update(merged)
            self.requests += snap["requests"]
            self.errors += snap["errors"]

    def _view(self):
        by_status = self.by_status
        return {"requests": self.requests, "errors": self.errors, "by_status": by_status}

    def snapshot(self):
        with self._lock:
            return self._view()

    def reset(self):
        with self._lock:
            snap = self._view()
            self.requests = 0
            self.errors = 0
            self.by_status = {}
            return snap
