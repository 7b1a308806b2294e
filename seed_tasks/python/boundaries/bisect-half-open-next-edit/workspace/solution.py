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


def upper_bound(a, x):
    """Last index i with a[i] <= x, or -1 if there is none."""
    lo, hi = 0, len(a) - 1
    ans = -1
    while lo <= hi:
        mid = (lo + hi) // 2
        if a[mid] <= x:
            ans = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return ans


def count_between(a, low, high):
    """Number of elements with low <= a[i] <= high."""
    first = lower_bound(a, low)
    last = upper_bound(a, high)
    if first == -1 or last == -1:
        return 0
    return max(0, last - first + 1)
