"""A bounded FIFO queue for producer/consumer threads."""

import collections
import threading


class Full(Exception):
    pass


class Empty(Exception):
    pass


class BoundedQueue:
    def __init__(self, capacity):
        if not isinstance(capacity, int) or capacity < 1:
            raise ValueError("capacity must be an int >= 1")
        self._capacity = capacity
        self._items = collections.deque()
        self._mutex = threading.Lock()
        self._room = threading.Condition(self._mutex)
        self._data = threading.Condition(self._mutex)

    def put(self, item, timeout=None):
        with self._room:
            if not self._room.wait_for(lambda: len(self._items) < self._capacity, timeout):
                raise Full
            self._items.append(item)
            self._data.notify()

    def get(self, timeout=None):
        with self._data:
            if not self._data.wait_for(lambda: len(self._items) > 0, timeout):
                raise Empty
            item = self._items.popleft()
            self._room.notify()
            return item

    def qsize(self):
        return len(self._items)
