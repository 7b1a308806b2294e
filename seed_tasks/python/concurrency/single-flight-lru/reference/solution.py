"""An LRU cache shared between threads."""

import threading
from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        if not isinstance(capacity, int) or capacity < 1:
            raise ValueError("capacity must be an int >= 1")
        self._capacity = capacity
        self._data = OrderedDict()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    def get_or_compute(self, key, factory):
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self._hits += 1
                return self._data[key]
            value = factory()
            self._misses += 1
            self._data[key] = value
            if len(self._data) > self._capacity:
                self._data.popitem(last=False)
            return value

    def stats(self):
        return (self._hits, self._misses)

    def keys(self):
        return list(self._data)
