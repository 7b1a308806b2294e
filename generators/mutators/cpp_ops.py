"""C++ task mutation operators: null-handling, boundaries, error-handling.

Each appends one function to the parent's single translation unit (see
:mod:`._brace`), a stub that throws ``std::logic_error("not implemented")``,
a new ``tests/<fn>_tests.cpp`` whose ``TEST``\\ s check hundreds of inputs from a
xorshift generator against a model written another way plus the edge cases,
and hand-written mutants with the classic C++ mistakes. They apply to any C++
task, so the campaign can grow children of every C++ seed.

* ``null-handling/cpp-optional-label`` — a label from a
  ``std::optional<std::string>``, a nullable ``const int*`` and a
  ``std::optional<int>``: every absent part takes a specified default. Mutants:
  a blank name kept instead of the default, ``count.value()`` on an empty
  optional (``std::bad_optional_access``), the pointer dereferenced unchecked.
* ``boundaries/cpp-inclusive-sum`` — the sum of ``xs[lo..=hi]`` clipped to the
  vector as ``long long`` (``std::nullopt`` when ``lo > hi``), for any
  ``std::size_t`` ends up to ``SIZE_MAX``. Mutants: an exclusive upper end,
  ``hi + 1`` overflowing to 0, an inverted range taken as an empty sum.
* ``error-handling/cpp-checked-parse`` — a strict decimal parse within
  ``[lo, hi]`` throwing ``std::invalid_argument`` or ``std::out_of_range`` with
  specified messages. Mutants: ``std::stoi`` (accepts ``" 5"``, ``"5x"``,
  ``"+5"``), an exclusive upper end, the wrong exception type for a range error.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators._brace import applies, code, extend, fresh
from generators.mutators.base import Mutation

HEAD = '''
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
'''

RNG = '''std::uint64_t state = $seed;
    auto next = [&state](std::uint64_t n) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state % n;
    };'''

STUB = '''
#include <stdexcept>

$sig {
    throw std::logic_error("not implemented");
}
'''

LABEL = '''
#include <optional>
#include <string>

// Label from optional parts: trimmed name (default "$dflt"), '#', the level
// (default $lvl when the pointer is null), then " x<count>" when count > 1.
$sig {
    std::string shown;
    if (name.has_value()) {
        std::size_t b = name->find_first_not_of(" \\t\\n");
        if (b != std::string::npos) {
            std::size_t e = name->find_last_not_of(" \\t\\n");
            shown = name->substr(b, e - b + 1);
        }
    }
    if ($blank) shown = "$dflt";
    std::string label = shown + "#" + std::to_string($level);
    if ($count) label += " x" + std::to_string(*count);
    return label;
}
'''

LABEL_TESTS = '''
TEST(${fn}_matches_model) {
    $rng
    const std::vector<std::optional<std::string>> names = {
        std::nullopt, std::string(""), std::string("   "), std::string("ann"),
        std::string(" bo "), std::string("\\tcy\\n"), std::string("d e")};
    for (int k = 0; k < 400; ++k) {
        std::optional<std::string> name = names[next(names.size())];
        int stored = static_cast<int>(next(5)) - 1;
        const int* level = next(3) == 0 ? nullptr : &stored;
        std::optional<int> count;
        if (next(3) > 0) count = static_cast<int>(next(5)) - 1;
        std::string shown = "$dflt";
        if (name) {
            std::string s = *name;
            while (!s.empty() && (s.back() == ' ' || s.back() == '\\t' || s.back() == '\\n'))
                s.pop_back();
            std::size_t skip = 0;
            while (skip < s.size() && (s[skip] == ' ' || s[skip] == '\\t' || s[skip] == '\\n'))
                ++skip;
            if (skip < s.size()) shown = s.substr(skip);
        }
        std::string want = shown + "#" + std::to_string(level == nullptr ? $lvl : stored);
        if (count && *count >= 2) want += " x" + std::to_string(*count);
        CHECK_EQ($fn(name, level, count), want);
    }
}

TEST(${fn}_defaults) {
    int three = 3, zero = 0;
    CHECK_EQ($fn(std::nullopt, nullptr, std::nullopt), std::string("$dflt#$lvl"));
    CHECK_EQ($fn(std::string("  "), &three, 1), std::string("$dflt#3"));
    CHECK_EQ($fn(std::string(" ann "), nullptr, 2), std::string("ann#$lvl x2"));
    CHECK_EQ($fn(std::string("bo"), &zero, 0), std::string("bo#0"));
    CHECK_EQ($fn(std::string(""), &zero, std::nullopt), std::string("$dflt#0"));
}
'''


class OptionalLabel:
    """See the module docstring."""

    name = "null-handling/cpp-optional-label"
    weakness = ("null-handling",)
    languages = ("cpp",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent, "cpp"):
            return None
        fn = fresh(parent, rng.choice(("badge_label", "tag_label", "level_label")))
        dflt = rng.choice(("anonymous", "guest", "unknown", "nobody"))
        lvl = rng.choice((0, 1, 9))
        seed = rng.randrange(1, 2**63)
        sig = (f"std::string {fn}(const std::optional<std::string>& name, const int* level, "
               f"std::optional<int> count)")
        v = {"fn": fn, "sig": sig, "dflt": dflt, "lvl": lvl, "seed": seed}
        ok = {"blank": "shown.empty()", "level": f"level != nullptr ? *level : {lvl}",
              "count": "count.has_value() && *count > 1"}
        good = code(LABEL, **{**v, **ok})
        bad = {"blank-name-kept": code(LABEL, **{**v, **ok, "blank": "!name.has_value()"}),
               "empty-optional-read": code(LABEL, **{**v, **ok, "count": "count.value() > 1"}),
               "null-level-dereferenced": code(LABEL, **{**v, **ok, "level": "*level"})}
        tests = code(HEAD) + "\n" + code(LABEL_TESTS, rng=code(RNG, seed=seed), **v)
        section = (
            f"Add this function (it must never crash or throw):\n\n```cpp\n{sig};\n```\n\n"
            f"The label is the name with surrounding spaces, tabs and newlines removed — or "
            f"`\"{dflt}\"` when `name` is `std::nullopt` or nothing is left after trimming — "
            f"then `#`, then `*level` — or `{lvl}` when `level` is `nullptr` — and then, only "
            f"when `count` holds a value `n > 1`, a space, `x` and `n`. Examples: "
            f"`{fn}(std::nullopt, nullptr, std::nullopt) == \"{dflt}#{lvl}\"`; with "
            f"`int three = 3;`, `{fn}(std::string(\"  \"), &three, 1) == \"{dflt}#3\"`; "
            f"`{fn}(std::string(\" ann \"), nullptr, 2) == \"ann#{lvl} x2\"`.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, sig=sig), tests, bad)


SUM = '''
#include <cstddef>
#include <optional>
#include <vector>

// Sum of xs[i] for lo <= i <= hi (indices past the end ignored); nullopt when lo > hi.
$sig {
    if (lo > hi) return $inverted;
    long long total = 0;
    $loop
    return total;
}
'''

SUM_LOOP = "for (std::size_t i = lo; i < xs.size() && i <= hi; ++i) total += xs[i];"
SUM_BAD = {
    "exclusive-hi": "for (std::size_t i = lo; i < xs.size() && i < hi; ++i) total += xs[i];",
    "end-overflows": ("std::size_t end = hi + 1 < xs.size() ? hi + 1 : xs.size();\n"
                      "    for (std::size_t i = lo; i < end; ++i) total += xs[i];"),
}

SUM_TESTS = '''
TEST(${fn}_matches_model) {
    $rng
    for (int k = 0; k < 600; ++k) {
        std::size_t n = next(7);
        std::vector<int> xs;
        for (std::size_t i = 0; i < n; ++i) {
            std::uint64_t r = next(6);
            xs.push_back(r == 0 ? INT_MAX : r == 1 ? INT_MIN : static_cast<int>(next(41)) - 20);
        }
        auto pick = [&]() -> std::size_t {
            switch (next(6)) {
                case 0: return SIZE_MAX - next(2);
                case 1: return n;
                case 2: return n - 1;
                default: return next(9);
            }
        };
        std::size_t lo = pick();
        std::size_t hi = next(5) == 0 ? lo : pick();
        std::optional<long long> want;
        if (!(hi < lo)) {
            long long exact = 0;
            for (std::size_t i = 0; i < n; ++i)
                if (lo <= i && i <= hi) exact += xs[i];
            want = exact;
        }
        CHECK(${fn}(xs, lo, hi) == want);
    }
}

TEST(${fn}_edges) {
    std::vector<int> xs = {1, 2, 3};
    CHECK(${fn}(xs, 1, 2) == std::optional<long long>(5));
    CHECK(${fn}(xs, 2, 1) == std::nullopt);
    CHECK(${fn}(xs, 0, 0) == std::optional<long long>(1));
    CHECK(${fn}(xs, 2, SIZE_MAX) == std::optional<long long>(3));
    CHECK(${fn}(xs, 3, 9) == std::optional<long long>(0));
    CHECK(${fn}({}, 0, 0) == std::optional<long long>(0));
    CHECK(${fn}({7}, 0, SIZE_MAX) == std::optional<long long>(7));
    CHECK(${fn}({INT_MAX, INT_MAX}, 0, 1) == std::optional<long long>(2LL * INT_MAX));
    CHECK(${fn}({INT_MIN, -1}, 0, 5) == std::optional<long long>(-1LL + INT_MIN));
}
'''


class InclusiveSum:
    """See the module docstring."""

    name = "boundaries/cpp-inclusive-sum"
    weakness = ("boundaries",)
    languages = ("cpp",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent, "cpp"):
            return None
        fn = fresh(parent, rng.choice(("sum_between", "range_total", "inclusive_sum")))
        seed = rng.randrange(1, 2**63)
        sig = (f"std::optional<long long> {fn}(const std::vector<int>& xs, std::size_t lo, "
               f"std::size_t hi)")
        v = {"fn": fn, "sig": sig}
        good = code(SUM, inverted="std::nullopt", loop=SUM_LOOP, **v)
        bad = {slug: code(SUM, inverted="std::nullopt", loop=loop, **v)
               for slug, loop in SUM_BAD.items()}
        bad["inverted-is-empty-sum"] = code(SUM, inverted="0LL", loop=SUM_LOOP, **v)
        tests = code(HEAD) + "\n" + code(SUM_TESTS, rng=code(RNG, seed=seed), **v)
        section = (
            f"Add this function:\n\n```cpp\n{sig};\n```\n\nIt returns the exact sum, as "
            f"`long long`, of `xs[i]` over the indices `i` with `lo <= i <= hi` (both ends "
            f"included) and `i < xs.size()` (indices past the end are ignored, never read). "
            f"It returns `std::nullopt` when `lo > hi`; an empty selection (an empty vector, "
            f"`lo` past the end) sums to `0`. It must work for any `lo` and `hi` up to "
            f"`SIZE_MAX` and for elements up to `INT_MAX`/`INT_MIN`. Examples, with "
            f"`xs = {{1, 2, 3}}`: `{fn}(xs, 1, 2) == 5`, `{fn}(xs, 2, SIZE_MAX) == 3`, "
            f"`{fn}(xs, 3, 9) == 0`, `{fn}(xs, 2, 1) == std::nullopt`.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, sig=sig), tests, bad)


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
        if not applies(parent, "cpp"):
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


OPERATORS = (OptionalLabel(), InclusiveSum(), CheckedParse())
