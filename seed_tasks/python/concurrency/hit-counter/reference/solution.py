"""Per-key hit counter shared by the request threads of a web server."""

import threading


class HitCounter:
    def __init__(self):
        self._lock = threading.Lock()
        self._hits = {}

    def hit(self, key, n=1):
        if not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be an int >= 1, got {n!r}")
        with self._lock:
            current = self._hits.get(key, 0)
            self._hits[key] = current + n
            return current + n

    def count(self, key):
        return self._hits.get(key, 0)

    def top(self, k):
        items = sorted(self._hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return items[:k]
