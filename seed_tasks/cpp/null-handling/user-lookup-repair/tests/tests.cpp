static std::vector<User> org() {
    std::vector<User> users;
    users.reserve(4);  // keep the manager pointers valid
    users.push_back({1, "ada", nullptr});
    users.push_back({2, "bob", &users[0]});
    users.push_back({3, "cy", &users[1]});
    return users;
}

TEST(find) {
    auto users = org();
    CHECK(find_user(users, 2) == &users[1]);
    CHECK(find_user(users, 9) == nullptr);
    CHECK(find_user({}, 1) == nullptr);
}

TEST(describe_unknown) { CHECK_EQ(describe(org(), 42), std::string("unknown")); }

TEST(describe_top_level) {
    auto users = org();
    CHECK_EQ(describe(users, 1), std::string("ada"));
}

TEST(describe_with_manager) {
    auto users = org();
    CHECK_EQ(describe(users, 3), std::string("cy (reports to bob)"));
}

TEST(levels) {
    auto users = org();
    CHECK_EQ(levels_above(users, 1), 0);
    CHECK_EQ(levels_above(users, 2), 1);
    CHECK_EQ(levels_above(users, 3), 2);
    CHECK_EQ(levels_above(users, 7), -1);
}
