"""A bounded FIFO queue for producer/consumer threads."""


class Full(Exception):
    pass


class Empty(Exception):
    pass


class BoundedQueue:
    def __init__(self, capacity):
        raise NotImplementedError

    def put(self, item, timeout=None):
        raise NotImplementedError

    def get(self, timeout=None):
        raise NotImplementedError

    def qsize(self):
        raise NotImplementedError
