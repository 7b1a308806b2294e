class _Subscription:
    def __init__(self, handler, once):
        self.handler = handler
        self.once = once


class EventBus:
    def __init__(self):
        self._topics = {}

    def subscribe(self, topic, handler, once=False):
        sub = _Subscription(handler, once)
        self._topics.setdefault(topic, []).append(sub)

        def unsubscribe():
            subs = self._topics[topic]
            if sub in subs:
                subs.remove(sub)

        return unsubscribe

    def emit(self, topic, payload):
        current = self._topics.get(topic, [])
        for sub in current:
            if sub.once:
                self._topics[topic].remove(sub)
            sub.handler(payload)
        return len(current)

    def count(self, topic):
        return len(self._topics.get(topic, []))
