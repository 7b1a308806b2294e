// Binary-search bounds on a sorted vector, half-open [lo, hi) search windows.
#include <cstddef>
#include <vector>

std::size_t lower_index(const std::vector<int>& xs, int x) {
    std::size_t lo = 0, hi = xs.size();
    while (lo < hi) {
        std::size_t mid = lo + (hi - lo) / 2;
        if (xs[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

std::size_t upper_index(const std::vector<int>& xs, int x) {
    std::size_t lo = 0, hi = xs.size();
    while (lo < hi) {
        std::size_t mid = lo + (hi - lo) / 2;
        if (xs[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

std::size_t count_equal(const std::vector<int>& xs, int x) {
    return upper_index(xs, x) - lower_index(xs, x);
}

std::size_t count_between(const std::vector<int>& xs, int lo, int hi) {
    if (lo > hi) return 0;
    return upper_index(xs, hi) - lower_index(xs, lo);
}
