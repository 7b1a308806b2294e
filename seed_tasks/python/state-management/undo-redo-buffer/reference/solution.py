class TextBuffer:
    def __init__(self, text="", limit=100):
        self.text = text
        self._limit = limit
        self._undo = []
        self._redo = []

    def _record(self, new_text):
        self._undo.append(self.text)
        if len(self._undo) > self._limit:
            self._undo.pop(0)
        self._redo.clear()
        self.text = new_text

    def insert(self, pos, s):
        if pos < 0 or pos > len(self.text):
            raise IndexError(f"position {pos} out of range")
        self._record(self.text[:pos] + s + self.text[pos:])

    def delete(self, pos, n):
        if pos < 0 or n < 0 or pos + n > len(self.text):
            raise IndexError(f"cannot delete {n} at {pos}")
        self._record(self.text[:pos] + self.text[pos + n:])

    def undo(self):
        if not self._undo:
            return False
        self._redo.append(self.text)
        self.text = self._undo.pop()
        return True

    def redo(self):
        if not self._redo:
            return False
        self._undo.append(self.text)
        self.text = self._redo.pop()
        return True
