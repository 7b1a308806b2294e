class TextBuffer:
    def __init__(self, text="", limit=100):
        raise NotImplementedError

    def insert(self, pos, s):
        raise NotImplementedError

    def delete(self, pos, n):
        raise NotImplementedError

    def undo(self):
        raise NotImplementedError

    def redo(self):
        raise NotImplementedError
