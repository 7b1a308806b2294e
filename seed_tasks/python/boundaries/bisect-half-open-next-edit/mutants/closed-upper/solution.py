"""Binary searches over a sorted list."""


def _identity(value):
    return value


def lower_bound(a, x, key=None):
    """First index i with key(a[i]) >= x, or len(a) if there is none."""
    if key is None:
        key = _identity
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if key(a[mid]) < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def upper_bound(a, x, key=None):
    """First index i with key(a[i]) > x, or len(a) if there is none."""
    if key is None:
        key = _identity
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < key(a[mid]):
            hi = mid
        else:
            lo = mid + 1
    return lo - 1 if lo > 0 else lo


def count_between(a, low, high, key=None):
    """Number of elements with low <= key(a[i]) <= high."""
    if high < low:
        return 0
    return upper_bound(a, high, key) - lower_bound(a, low, key) + 1
