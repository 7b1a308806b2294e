"""Java null-handling operator (see :mod:`._extend` for how it grows a task).

* ``null-handling/java-null-label`` — a label from a nullable ``String``
  (through ``Optional``), a nullable ``Integer`` and a nullable
  ``List<String>`` with null elements: each absent part takes a specified
  default. Mutants: auto-unboxing a null ``Integer``, iterating a null list,
  calling a method on a null element.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.java._extend import (
    RNG,
    STUB,
    applies,
    code,
    extend,
    fresh,
    java_test_class,
)

LABEL = '''
/** Label from nullable parts (see the prompt): name, '#', level, then the tags. */
$sig {
    String shown = java.util.Optional.ofNullable(name).map(String::trim)
            .filter(s -> !s.isEmpty()).orElse("$dflt");
    $level
    StringBuilder out = new StringBuilder(shown).append('#').append(lv);
    if ($guard) {
        for (String tag : tags) {
            if ($tagok) {
                out.append(' ').append(tag.trim());
            }
        }
    }
    return out.toString();
}
'''


LABEL_TESTS = '''
public class $cls {
    static String model(String name, Integer level, java.util.List<String> tags) {
        String shown = "$dflt";
        if (name != null) {
            int b = 0, e = name.length();
            while (b < e && name.charAt(b) <= ' ') b++;
            while (e > b && name.charAt(e - 1) <= ' ') e--;
            if (e > b) shown = name.substring(b, e);
        }
        String want = shown + "#" + (level == null ? $lvl : level.intValue());
        if (tags == null) return want;
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            if (t == null) continue;
            String s = t.strip();
            if (s.length() > 0) want = want + " " + s;
        }
        return want;
    }

    public static void test${Fn}MatchesModel() {
        $rng
        String[] names = {null, "", "   ", "ann", " bo ", "\\tcy\\n", "d e"};
        String[] pool = {null, "", " ", "red", " blue ", "x y"};
        for (int k = 0; k < 400; k++) {
            String name = names[next.applyAsInt(names.length)];
            Integer level = next.applyAsInt(3) == 0 ? null
                    : Integer.valueOf(next.applyAsInt(5) - 1);
            java.util.List<String> tags = null;
            if (next.applyAsInt(4) > 0) {
                tags = new java.util.ArrayList<>();
                int m = next.applyAsInt(4);
                for (int j = 0; j < m; j++) tags.add(pool[next.applyAsInt(pool.length)]);
            }
            java.util.List<String> copy = tags == null ? null : new java.util.ArrayList<>(tags);
            CcRunner.eq($owner.$fn(name, level, tags), model(name, level, tags));
            CcRunner.eq(tags, copy);
        }
    }

    public static void test${Fn}Defaults() {
        CcRunner.eq($owner.$fn(null, null, null), "$dflt#$lvl");
        CcRunner.eq($owner.$fn("  ", 3, java.util.List.of()), "$dflt#3");
        CcRunner.eq($owner.$fn(" ann ", null, java.util.Arrays.asList(null, "red", " ")),
                "ann#$lvl red");
        CcRunner.eq($owner.$fn("bo", 0, java.util.Arrays.asList(" x ", null, "y")), "bo#0 x y");
    }
}
'''


class NullLabel:
    """See the module docstring."""

    name = "null-handling/java-null-label"
    weakness = ("null-handling",)
    languages = ("java",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = fresh(parent, rng.choice(("badgeLabel", "tagLabel", "levelLabel")))
        dflt = rng.choice(("anonymous", "guest", "unknown", "nobody"))
        lvl = rng.choice((0, 1, 9))
        seed = rng.randrange(1, 2**63)
        sig = (f"public static String {fn}(String name, Integer level, "
               f"java.util.List<String> tags)")
        owner = parent.entry_point.removesuffix(".java")
        v = {"fn": fn, "Fn": fn[:1].upper() + fn[1:], "sig": sig, "dflt": dflt, "lvl": lvl,
             "seed": seed, "owner": owner, "cls": java_test_class(fn)}
        ok = {"level": f"int lv = level == null ? {lvl} : level;", "guard": "tags != null",
              "tagok": "tag != null && !tag.isBlank()"}
        good = code(LABEL, **{**v, **ok})
        bad = {"unboxes-null-level": code(LABEL, **{**v, **ok, "level": "int lv = level;"}),
               "null-list-iterated": code(LABEL, **{**v, **ok, "guard": "true"}),
               "null-tag-dereferenced": code(LABEL, **{**v, **ok, "tagok": "!tag.isBlank()"})}
        tests = code(LABEL_TESTS, rng=code(RNG, seed=seed), **v)
        section = (
            f"Add this method to `{owner}` (it must never throw):\n\n```java\n{sig}\n```\n\n"
            f"Any argument may be `null`, and so may elements of `tags`; `tags` is not "
            f"modified. The label is `name` trimmed (`String.trim()`) — or `\"{dflt}\"` when "
            f"`name` is `null` or empty after trimming — then `#`, then the level — `{lvl}` "
            f"when `level` is `null` — then, for each element of `tags` in order that is "
            f"neither `null` nor blank, a space and the element trimmed. A `null` `tags` "
            f"counts as no tags. Examples: `{fn}(null, null, null)` is `\"{dflt}#{lvl}\"`, "
            f"`{fn}(\"  \", 3, List.of())` is `\"{dflt}#3\"`, "
            f"`{fn}(\" ann \", null, Arrays.asList(null, \"red\", \" \"))` is "
            f"`\"ann#{lvl} red\"`.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, sig=sig), tests, bad)


OPERATORS = (NullLabel(),)
