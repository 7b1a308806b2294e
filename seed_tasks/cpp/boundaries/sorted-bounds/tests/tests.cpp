#include <climits>

TEST(empty_vector) {
    std::vector<int> e;
    CHECK_EQ(lower_index(e, 3), 0u);
    CHECK_EQ(upper_index(e, 3), 0u);
    CHECK_EQ(count_equal(e, 3), 0u);
    CHECK_EQ(count_between(e, 0, 9), 0u);
}

TEST(duplicates) {
    std::vector<int> xs{1, 2, 2, 2, 5};
    CHECK_EQ(lower_index(xs, 2), 1u);
    CHECK_EQ(upper_index(xs, 2), 4u);
    CHECK_EQ(count_equal(xs, 2), 3u);
    CHECK_EQ(lower_index(xs, 6), 5u);
    CHECK_EQ(upper_index(xs, 0), 0u);
}

TEST(between_inclusive) {
    std::vector<int> xs{1, 2, 2, 5, 7};
    CHECK_EQ(count_between(xs, 2, 5), 3u);
    CHECK_EQ(count_between(xs, 3, 4), 0u);
    CHECK_EQ(count_between(xs, 5, 2), 0u);
}

TEST(extreme_values) {
    std::vector<int> xs{INT_MIN, 0, INT_MAX, INT_MAX};
    CHECK_EQ(count_equal(xs, INT_MAX), 2u);
    CHECK_EQ(count_between(xs, INT_MIN, INT_MAX), 4u);
    CHECK_EQ(lower_index(xs, INT_MIN), 0u);
}
