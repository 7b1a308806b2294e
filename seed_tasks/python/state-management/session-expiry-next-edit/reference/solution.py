"""In-memory session store."""


class SessionStore:
    def __init__(self, clock, ttl):
        self._clock = clock          # callable returning the current time (seconds)
        self._ttl = ttl
        self._sessions = {}

    def put(self, sid, data):
        self._sessions[sid] = (data, self._clock() + self._ttl)

    def _live(self, sid):
        entry = self._sessions.get(sid)
        if entry is None:
            return None
        if self._clock() >= entry[1]:
            del self._sessions[sid]
            return None
        return entry

    def get(self, sid, default=None):
        entry = self._live(sid)
        return default if entry is None else entry[0]

    def touch(self, sid):
        entry = self._live(sid)
        if entry is None:
            return False
        self._sessions[sid] = (entry[0], self._clock() + self._ttl)
        return True

    def pop(self, sid):
        entry = self._live(sid)
        if entry is None:
            return None
        del self._sessions[sid]
        return entry[0]

    def purge(self):
        now = self._clock()
        expired = [sid for sid, (_, until) in self._sessions.items() if now >= until]
        for sid in expired:
            del self._sessions[sid]
        return len(expired)

    def __len__(self):
        now = self._clock()
        return sum(1 for _, until in self._sessions.values() if now < until)
