#include <cstddef>
#include <vector>

std::size_t lower_index(const std::vector<int>& xs, int x) { return 0; }
std::size_t upper_index(const std::vector<int>& xs, int x) { return 0; }
std::size_t count_equal(const std::vector<int>& xs, int x) { return 0; }
std::size_t count_between(const std::vector<int>& xs, int lo, int hi) { return 0; }
