class Inventory:
    def __init__(self, stock=None):
        if stock is None:
            stock = {}
        self._stock = stock.copy()

    def add(self, sku, n):
        self._stock[sku] = self._stock.get(sku, 0) + n

    def remove(self, sku, n):
        have = self._stock.get(sku, 0)
        if have < n:
            raise ValueError(f"only {have} of {sku!r}")
        self._stock[sku] = have - n

    def snapshot(self):
        return self._stock

    def log_changes(self, changes, log=None):
        if log is None:
            log = []
        for sku, delta in changes.items():
            log.append((sku, delta))
        return log
