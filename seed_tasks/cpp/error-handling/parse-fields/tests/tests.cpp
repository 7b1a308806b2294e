#include <climits>

static std::string message_of(const std::string& line) {
    try {
        parse_fields(line);
    } catch (const std::invalid_argument& e) {
        return std::string("invalid: ") + e.what();
    } catch (const std::out_of_range& e) {
        return std::string("range: ") + e.what();
    }
    return "ok";
}

TEST(parses_trimmed_fields) {
    auto v = parse_fields(" 1,-2 ,  30");
    CHECK_EQ(v.size(), 3u);
    CHECK_EQ(v[0], 1);
    CHECK_EQ(v[1], -2);
    CHECK_EQ(v[2], 30);
    CHECK(parse_fields("").empty());
}

TEST(bad_fields_name_their_position) {
    CHECK_EQ(message_of("1,x"), std::string("invalid: field 2: not a number"));
    CHECK_EQ(message_of("1,2x"), std::string("invalid: field 2: not a number"));
    CHECK_EQ(message_of("+1"), std::string("invalid: field 1: not a number"));
    CHECK_EQ(message_of("1,,2"), std::string("invalid: field 2: not a number"));
    CHECK_EQ(message_of("5,"), std::string("invalid: field 2: not a number"));
    CHECK_EQ(message_of("-"), std::string("invalid: field 1: not a number"));
    CHECK_EQ(message_of(" "), std::string("invalid: field 1: not a number"));
}

TEST(range_limits) {
    auto extremes = parse_fields("2147483647,-2147483648");
    CHECK_EQ(extremes[0], INT_MAX);
    CHECK_EQ(extremes[1], INT_MIN);
    CHECK_EQ(message_of("2147483648"), std::string("range: field 1: out of range"));
    CHECK_EQ(message_of("0,-2147483649"), std::string("range: field 2: out of range"));
    CHECK_EQ(message_of("99999999999999999999999"), std::string("range: field 1: out of range"));
}

TEST(try_sum_reports_line) {
    std::string err = "untouched";
    auto ok = try_sum({"1, 2", "", "2147483647,2147483647"}, err);
    CHECK(ok.has_value());
    CHECK_EQ(*ok, 4294967297LL);
    CHECK_EQ(err, std::string("untouched"));
    auto bad = try_sum({"1, 2", "3,x"}, err);
    CHECK(!bad.has_value());
    CHECK_EQ(err, std::string("line 2: field 2: not a number"));
}
