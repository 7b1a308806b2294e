"""An LRU cache shared between threads."""


class LRUCache:
    def __init__(self, capacity):
        raise NotImplementedError

    def get_or_compute(self, key, factory):
        raise NotImplementedError

    def stats(self):
        raise NotImplementedError

    def keys(self):
        raise NotImplementedError
