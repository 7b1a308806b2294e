"""In-memory session store."""


class SessionStore:
    def __init__(self, clock, ttl):
        self._clock = clock          # callable returning the current time (seconds)
        self._ttl = ttl
        self._sessions = {}

    def put(self, sid, data):
        self._sessions[sid] = (data, self._clock() + self._ttl)

    def get(self, sid, default=None):
        return self._sessions.get(sid, default)

    def touch(self, sid):
        return sid in self._sessions

    def pop(self, sid):
        return self._sessions.pop(sid, None)

    def purge(self):
        return 0

    def __len__(self):
        return len(self._sessions)
