"""C++ error-handling operator (see :mod:`._extend` for how it grows a task).

* ``error-handling/cpp-checked-parse`` — a strict decimal parse within
  ``[lo, hi]`` throwing ``std::invalid_argument`` or ``std::out_of_range`` with
  specified messages. Mutants: ``std::stoi`` (accepts ``" 5"``, ``"5x"``,
  ``"+5"``), an exclusive upper end, the wrong exception type for a range error.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.cpp._extend import HEAD, RNG, STUB, applies, code, extend, fresh

PARSE = '''
#include <stdexcept>
#include <string>

// Strict decimal int within [lo, hi]: optional '-', digits only; typed exceptions.
$sig {
    std::size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
    if (i == text.size()) throw std::invalid_argument("not a number: " + text);
    long long v = 0;
    for (std::size_t k = i; k < text.size(); ++k) {
        if (text[k] < '0' || text[k] > '9') throw std::invalid_argument("not a number: " + text);
        if (v < 100000000000LL) v = v * 10 + (text[k] - '0');
    }
    if (i == 1) v = -v;
    if ($range) throw std::$exc("out of range: " + text);
    return static_cast<int>(v);
}
'''


STOI = '''
#include <stdexcept>
#include <string>

// Decimal int within [lo, hi] (std::stoi does the parsing).
$sig {
    int v = std::stoi(text);
    if (v < lo || v > hi) throw std::out_of_range("out of range: " + text);
    return v;
}
'''


PARSE_TESTS = '''
static std::string ${fn}_outcome(const std::string& text, int lo, int hi) {
    try {
        return "ok:" + std::to_string(${fn}(text, lo, hi));
    } catch (const std::invalid_argument& e) {
        return std::string("invalid:") + e.what();
    } catch (const std::out_of_range& e) {
        return std::string("range:") + e.what();
    } catch (...) {
        return "other";
    }
}

TEST(${fn}_matches_model) {
    $rng
    const char* signs[] = {"", "", "-", "+", " "};
    const char* tails[] = {"", "", "", "x", " ", ".5"};
    for (int k = 0; k < 800; ++k) {
        long long lo = next(4) == 0 ? INT_MIN : static_cast<long long>(next(101)) - 50;
        long long hi = next(4) == 0 ? INT_MAX : lo + static_cast<long long>(next(60)) - 5;
        if (hi > INT_MAX) hi = INT_MAX;
        if (hi < INT_MIN) hi = INT_MIN;
        std::string text;
        const long long near[] = {lo, hi, lo - 1, hi + 1, INT_MAX, INT_MAX + 1LL, INT_MIN,
                                  INT_MIN - 1LL, 0};
        if (next(3) == 0) {
            text = std::to_string(near[next(9)]);
        } else {
            text = signs[next(5)];
            std::size_t digits = next(12);
            for (std::size_t d = 0; d < digits; ++d) text += static_cast<char>('0' + next(10));
            text += tails[next(6)];
        }
        std::size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
        bool digits_only = start < text.size();
        for (std::size_t d = start; d < text.size(); ++d)
            digits_only = digits_only && std::isdigit(static_cast<unsigned char>(text[d]));
        std::string want = "invalid:not a number: " + text;
        if (digits_only) {
            errno = 0;
            long long v = std::strtoll(text.c_str(), nullptr, 10);
            bool inside = errno == 0 && lo <= v && v <= hi;
            want = inside ? "ok:" + std::to_string(v) : "range:out of range: " + text;
        }
        CHECK_EQ(${fn}_outcome(text, static_cast<int>(lo), static_cast<int>(hi)), want);
    }
}

TEST(${fn}_edges) {
    CHECK_EQ(${fn}_outcome("42", 0, 100), std::string("ok:42"));
    CHECK_EQ(${fn}_outcome("-0", -1, 1), std::string("ok:0"));
    CHECK_EQ(${fn}_outcome("007", 0, 7), std::string("ok:7"));
    CHECK_EQ(${fn}_outcome("100", 0, 100), std::string("ok:100"));
    CHECK_EQ(${fn}_outcome("101", 0, 100), std::string("range:out of range: 101"));
    CHECK_EQ(${fn}_outcome("-1", 0, 100), std::string("range:out of range: -1"));
    CHECK_EQ(${fn}_outcome("", 0, 9), std::string("invalid:not a number: "));
    CHECK_EQ(${fn}_outcome("-", 0, 9), std::string("invalid:not a number: -"));
    CHECK_EQ(${fn}_outcome("+5", 0, 9), std::string("invalid:not a number: +5"));
    CHECK_EQ(${fn}_outcome(" 5", 0, 9), std::string("invalid:not a number:  5"));
    CHECK_EQ(${fn}_outcome("5x", 0, 9), std::string("invalid:not a number: 5x"));
    CHECK_EQ(${fn}_outcome("2147483647", INT_MIN, INT_MAX), std::string("ok:2147483647"));
    CHECK_EQ(${fn}_outcome("2147483648", INT_MIN, INT_MAX),
             std::string("range:out of range: 2147483648"));
    CHECK_EQ(${fn}_outcome("-99999999999999999999", INT_MIN, INT_MAX),
             std::string("range:out of range: -99999999999999999999"));
}
'''


class CheckedParse:
    """See the module docstring."""

    name = "error-handling/cpp-checked-parse"
    weakness = ("error-handling",)
    languages = ("cpp",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = fresh(parent, rng.choice(("parse_bounded", "parse_in_range", "checked_int")))
        seed = rng.randrange(1, 2**63)
        sig = f"int {fn}(const std::string& text, int lo, int hi)"
        v = {"fn": fn, "sig": sig}
        ok = {"range": "v < lo || v > hi", "exc": "out_of_range"}
        good = code(PARSE, **{**v, **ok})
        bad = {"stoi-lenient": code(STOI, **v),
               "exclusive-hi": code(PARSE, **{**v, **ok, "range": "v < lo || v >= hi"}),
               "range-as-invalid": code(PARSE, **{**v, **ok, "exc": "invalid_argument"})}
        tests = (code(HEAD) + "#include <cctype>\n#include <cerrno>\n#include <cstdlib>\n\n"
                 + code(PARSE_TESTS, rng=code(RNG, seed=seed), **v))
        section = (
            f"Add this function:\n\n```cpp\n{sig};\n```\n\n`text` must be one or more "
            f"ASCII digits, optionally preceded by a single `-` (nothing else: no `+`, no "
            f"whitespace, no trailing characters; leading zeros are fine). Otherwise throw "
            f"`std::invalid_argument` with the message `\"not a number: \" + text`. A "
            f"well-formed number whose value is outside `[lo, hi]` (both ends allowed) — "
            f"including values that do not fit in an `int`, however many digits — throws "
            f"`std::out_of_range` with the message `\"out of range: \" + text`. Otherwise "
            f"return the value. Examples: `{fn}(\"100\", 0, 100) == 100`; `{fn}(\"101\", 0, "
            f"100)` throws `std::out_of_range`; `{fn}(\"+5\", 0, 9)` and `{fn}(\"5x\", 0, 9)` "
            f"throw `std::invalid_argument`.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, sig=sig), tests, bad)


OPERATORS = (CheckedParse(),)
