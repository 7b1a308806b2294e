// codecanary's tiny C++ test harness (shipped by the C++ runner).
//
//   TEST(name) { CHECK(cond); CHECK_EQ(actual, expected); }
//
// Each test runs in turn; a failed CHECK ends that test. One tab-separated line
// per event goes to the file named by argv[1] (flushed at once, so a test that
// crashes the process is still reported): "start\tname", then
// "passed|failed|error\tname\tmessage".
#pragma once
#include <exception>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace cc_test {

struct Failure {
    std::string message;
};

struct Case {
    const char* name;
    std::function<void()> fn;
};

inline std::vector<Case>& registry() {
    static std::vector<Case> cases;
    return cases;
}

struct Register {
    Register(const char* name, std::function<void()> fn) { registry().push_back({name, fn}); }
};

template <typename T>
std::string show(const T& value) {
    if constexpr (requires(std::ostream& os, const T& v) { os << v; }) {
        std::ostringstream os;
        os << value;
        return os.str();
    } else {
        return "<value>";
    }
}

inline std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += ' ';
        else out += c;
    }
    return out;
}

inline int run_all(const char* path) {
    std::ofstream out(path);
    int failed = 0;
    for (const Case& c : registry()) {
        out << "start\t" << c.name << std::endl;
        std::string status = "passed", message;
        try {
            c.fn();
        } catch (const Failure& f) {
            status = "failed";
            message = f.message;
        } catch (const std::exception& e) {
            status = "error";
            message = std::string("uncaught exception: ") + e.what();
        } catch (...) {
            status = "error";
            message = "uncaught exception";
        }
        if (status != "passed") ++failed;
        out << status << '\t' << c.name << '\t' << escape(message) << std::endl;
    }
    return failed == 0 ? 0 : 1;
}

}  // namespace cc_test

#define CC_CAT2(a, b) a##b
#define CC_CAT(a, b) CC_CAT2(a, b)
#define TEST(name)                                                          \
    static void cc_test_##name();                                           \
    static cc_test::Register CC_CAT(cc_reg_, name)(#name, cc_test_##name); \
    static void cc_test_##name()
#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond))                                                                         \
            throw cc_test::Failure{std::string(__FILE__ ":") + std::to_string(__LINE__) +    \
                                   ": CHECK(" #cond ") failed"};                             \
    } while (0)
#define CHECK_EQ(actual, expected)                                                           \
    do {                                                                                     \
        auto&& cc_a = (actual);                                                              \
        auto&& cc_e = (expected);                                                            \
        if (!(cc_a == cc_e))                                                                 \
            throw cc_test::Failure{std::string(__FILE__ ":") + std::to_string(__LINE__) +    \
                                   ": CHECK_EQ(" #actual ", " #expected ") failed: " +      \
                                   cc_test::show(cc_a) + " != " + cc_test::show(cc_e)};      \
    } while (0)
