class AsyncLoader:
    def __init__(self, load):
        raise NotImplementedError

    async def get(self, key):
        raise NotImplementedError

    def invalidate(self, key):
        raise NotImplementedError
