"""C++ boundaries operator (see :mod:`._extend` for how it grows a task).

* ``boundaries/cpp-inclusive-sum`` — the sum of ``xs[lo..=hi]`` clipped to the
  vector as ``long long`` (``std::nullopt`` when ``lo > hi``), for any
  ``std::size_t`` ends up to ``SIZE_MAX``. Mutants: an exclusive upper end,
  ``hi + 1`` overflowing to 0, an inverted range taken as an empty sum.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.cpp._extend import HEAD, RNG, STUB, applies, code, extend, fresh

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
        if not applies(parent):
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


OPERATORS = (InclusiveSum(),)
