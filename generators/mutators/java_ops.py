"""Java task mutation operators: null-handling and boundaries.

Each inserts one ``public static`` method into the parent's public class (see
:mod:`._brace`), a stub that throws ``UnsupportedOperationException("not
implemented")``, a new ``tests/<Name>Test.java`` whose ``test*`` methods check
hundreds of inputs from a xorshift generator against a model written another
way plus the edge cases, and hand-written mutants with the classic Java
mistakes. Types are fully qualified (``java.util.List``) so nothing depends on
the parent's imports. They apply to any Java task.

* ``null-handling/java-null-label`` — a label from a nullable ``String``
  (through ``Optional``), a nullable ``Integer`` and a nullable
  ``List<String>`` with null elements: each absent part takes a specified
  default. Mutants: auto-unboxing a null ``Integer``, iterating a null list,
  calling a method on a null element.
* ``boundaries/java-inclusive-sum`` — the ``long`` sum of ``xs[lo..=hi]``
  clipped to the array, for any ``int`` ends (``Integer.MIN_VALUE`` to
  ``MAX_VALUE``). Mutants: an ``int`` accumulator (silent overflow),
  ``hi + 1`` overflowing to ``MIN_VALUE``, an exclusive upper end.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators._brace import applies, code, extend, fresh, java_test_class
from generators.mutators.base import Mutation

RNG = '''long[] state = {${seed}L};
        java.util.function.IntUnaryOperator next = n -> {
            state[0] ^= state[0] << 13;
            state[0] ^= state[0] >>> 7;
            state[0] ^= state[0] << 17;
            return (int) Long.remainderUnsigned(state[0], n);
        };'''

STUB = '''
$sig {
    throw new UnsupportedOperationException("not implemented");
}
'''

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
        if not applies(parent, "java"):
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


SUM = '''
/** Sum of xs[i] for lo <= i <= hi inside the array, as a long; 0 for null or lo > hi. */
$sig {
    if (xs == null || lo > hi) {
        return 0L;
    }
    $body
}
'''

SUM_GOOD = '''long total = 0;
    int last = Math.min(hi, xs.length - 1);
    for (int i = Math.max(lo, 0); i <= last; i++) {
        total += xs[i];
    }
    return total;'''

SUM_BAD = {
    "int-accumulator": SUM_GOOD.replace("long total", "int total"),
    "end-overflows": SUM_GOOD.replace("int last = Math.min(hi, xs.length - 1);",
                                      "int end = Math.min(hi + 1, xs.length);")
                             .replace("i <= last", "i < end"),
    "exclusive-hi": SUM_GOOD.replace("int last = Math.min(hi, xs.length - 1);",
                                     "int end = Math.min(hi, xs.length);")
                            .replace("i <= last", "i < end"),
}

SUM_TESTS = '''
public class $cls {
    public static void test${Fn}MatchesModel() {
        $rng
        for (int k = 0; k < 600; k++) {
            int n = next.applyAsInt(7);
            int[] xs = new int[n];
            for (int i = 0; i < n; i++) {
                int r = next.applyAsInt(6);
                xs[i] = r == 0 ? Integer.MAX_VALUE : r == 1 ? Integer.MIN_VALUE
                        : next.applyAsInt(41) - 20;
            }
            int[] ends = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, n, n - 1,
                          next.applyAsInt(9), next.applyAsInt(9)};
            int lo = ends[next.applyAsInt(ends.length)];
            int hi = next.applyAsInt(5) == 0 ? lo : ends[next.applyAsInt(ends.length)];
            long want = 0;
            for (int i = 0; i < n; i++) {
                if ((long) lo <= i && i <= (long) hi) want += xs[i];
            }
            int[] copy = xs.clone();
            CcRunner.eq($owner.$fn(xs, lo, hi), want);
            CcRunner.eq(xs, copy);
        }
    }

    public static void test${Fn}Edges() {
        int[] xs = {1, 2, 3};
        CcRunner.eq($owner.$fn(xs, 1, 2), 5L);
        CcRunner.eq($owner.$fn(xs, 2, 1), 0L);
        CcRunner.eq($owner.$fn(xs, 0, 0), 1L);
        CcRunner.eq($owner.$fn(xs, 2, Integer.MAX_VALUE), 3L);
        CcRunner.eq($owner.$fn(xs, Integer.MIN_VALUE, 0), 1L);
        CcRunner.eq($owner.$fn(xs, 3, 9), 0L);
        CcRunner.eq($owner.$fn(new int[0], 0, 0), 0L);
        CcRunner.eq($owner.$fn(null, 0, 5), 0L);
        CcRunner.eq($owner.$fn(new int[] {7}, 0, 0), 7L);
        int big = Integer.MAX_VALUE;
        CcRunner.eq($owner.$fn(new int[] {big, big}, 0, 1), 2L * big);
        CcRunner.eq($owner.$fn(new int[] {Integer.MIN_VALUE, -1}, -5, 5), Integer.MIN_VALUE - 1L);
    }
}
'''


class InclusiveSum:
    """See the module docstring."""

    name = "boundaries/java-inclusive-sum"
    weakness = ("boundaries",)
    languages = ("java",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent, "java"):
            return None
        fn = fresh(parent, rng.choice(("sumBetween", "rangeTotal", "inclusiveSum")))
        seed = rng.randrange(1, 2**63)
        sig = f"public static long {fn}(int[] xs, int lo, int hi)"
        owner = parent.entry_point.removesuffix(".java")
        v = {"fn": fn, "Fn": fn[:1].upper() + fn[1:], "sig": sig, "owner": owner,
             "cls": java_test_class(fn)}
        good = code(SUM, body=SUM_GOOD, **v)
        bad = {slug: code(SUM, body=body, **v) for slug, body in SUM_BAD.items()}
        tests = code(SUM_TESTS, rng=code(RNG, seed=seed), **v)
        section = (
            f"Add this method to `{owner}`:\n\n```java\n{sig}\n```\n\nIt returns the exact "
            f"sum, as a `long`, of `xs[i]` over the indices `i` with `lo <= i <= hi` (both "
            f"ends included) that exist in the array (`0 <= i < xs.length`); other indices "
            f"are ignored, never read. It returns `0` when `xs` is `null`, when `lo > hi` or "
            f"when no index is selected, and `xs` is not modified. `lo` and `hi` may be any "
            f"`int`, `Integer.MIN_VALUE` and `Integer.MAX_VALUE` included, and elements may "
            f"be as large as `Integer.MAX_VALUE`. Examples, with `xs = {{1, 2, 3}}`: "
            f"`{fn}(xs, 1, 2) == 5`, `{fn}(xs, 2, Integer.MAX_VALUE) == 3`, "
            f"`{fn}(xs, 2, 1) == 0`.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, sig=sig), tests, bad)


OPERATORS = (NullLabel(), InclusiveSum())
