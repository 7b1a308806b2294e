class EventBus:
    def subscribe(self, topic, handler, once=False):
        raise NotImplementedError

    def emit(self, topic, payload):
        raise NotImplementedError

    def count(self, topic):
        raise NotImplementedError
