"""C++ null-handling operator (see :mod:`._extend` for how it grows a task).

* ``null-handling/cpp-optional-label`` — a label from a
  ``std::optional<std::string>``, a nullable ``const int*`` and a
  ``std::optional<int>``: every absent part takes a specified default. Mutants:
  a blank name kept instead of the default, ``count.value()`` on an empty
  optional (``std::bad_optional_access``), the pointer dereferenced unchecked.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.cpp._extend import HEAD, RNG, STUB, applies, code, extend, fresh

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
        if not applies(parent):
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


OPERATORS = (OptionalLabel(),)
