"""Java task mutation operators: null-handling, boundaries, error-handling.

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
* ``error-handling/java-checked-parse`` — a strict decimal parse within
  ``[lo, hi]`` throwing ``IllegalArgumentException`` or ``ArithmeticException``
  with specified messages. Mutants: ``Integer.parseInt`` (accepts ``"+5"``,
  throws ``NumberFormatException``), ``Long.parseLong`` (fails past a
  ``long``), an exclusive upper end.
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


PARSE = '''
/** Strict decimal int within [lo, hi]: optional '-', ASCII digits; typed exceptions. */
$sig {
    $body
}
'''

PARSE_GOOD = '''if (text == null || !text.matches("-?[0-9]+")) {
        throw new IllegalArgumentException("not a number: " + text);
    }
    java.math.BigInteger v = new java.math.BigInteger(text);
    if (v.compareTo(java.math.BigInteger.valueOf(lo)) < 0
            || v.compareTo(java.math.BigInteger.valueOf(hi)) > 0) {
        throw new ArithmeticException("out of range: " + text);
    }
    return v.intValue();'''

PARSE_BAD = {
    "parseint-lenient": '''int v = Integer.parseInt(text);
    if (v < lo || v > hi) {
        throw new ArithmeticException("out of range: " + text);
    }
    return v;''',
    "long-overflow": PARSE_GOOD.replace("java.math.BigInteger v = new java.math.BigInteger(text);",
                                        "long v = Long.parseLong(text);")
                               .replace("v.compareTo(java.math.BigInteger.valueOf(lo)) < 0",
                                        "v < lo").replace(
        "v.compareTo(java.math.BigInteger.valueOf(hi)) > 0", "v > hi")
                               .replace("v.intValue()", "(int) v"),
    "exclusive-hi": PARSE_GOOD.replace("valueOf(hi)) > 0", "valueOf(hi)) >= 0"),
}

PARSE_TESTS = '''
public class $cls {
    static String outcome(String text, int lo, int hi) {
        try {
            return "ok:" + $owner.$fn(text, lo, hi);
        } catch (ArithmeticException e) {
            return "range:" + e.getMessage();
        } catch (IllegalArgumentException e) {
            return (e instanceof NumberFormatException ? "nfe:" : "invalid:") + e.getMessage();
        }
    }

    static String model(String text, long lo, long hi) {
        boolean ok = text != null && !text.isEmpty() && !text.equals("-");
        for (int i = 0; ok && i < text.length(); i++) {
            char c = text.charAt(i);
            ok = (c >= '0' && c <= '9') || (c == '-' && i == 0);
        }
        if (!ok) return "invalid:not a number: " + text;
        String digits = text.replaceFirst("^-?0*", "");
        if (digits.length() > 12) return "range:out of range: " + text;
        long v = digits.isEmpty() ? 0 : Long.parseLong(digits) * (text.startsWith("-") ? -1 : 1);
        return lo <= v && v <= hi ? "ok:" + v : "range:out of range: " + text;
    }

    public static void test${Fn}MatchesModel() {
        $rng
        String[] signs = {"", "", "-", "+", " ", "--"};
        String[] tails = {"", "", "", "x", " ", ".5", "L"};
        for (int k = 0; k < 800; k++) {
            long lo = next.applyAsInt(4) == 0 ? Integer.MIN_VALUE : next.applyAsInt(101) - 50;
            long hi = next.applyAsInt(4) == 0 ? Integer.MAX_VALUE : lo + next.applyAsInt(60) - 5;
            hi = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, hi));
            long[] near = {lo, hi, lo - 1, hi + 1, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
                           Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MAX_VALUE, 0};
            String text;
            if (next.applyAsInt(8) == 0) {
                text = null;
            } else if (next.applyAsInt(3) == 0) {
                text = Long.toString(near[next.applyAsInt(near.length)]);
            } else {
                StringBuilder b = new StringBuilder(signs[next.applyAsInt(signs.length)]);
                int digits = next.applyAsInt(22);
                for (int d = 0; d < digits; d++) b.append((char) ('0' + next.applyAsInt(10)));
                text = b.append(tails[next.applyAsInt(tails.length)]).toString();
            }
            CcRunner.eq(outcome(text, (int) lo, (int) hi), model(text, lo, hi));
        }
    }

    public static void test${Fn}Edges() {
        CcRunner.eq(outcome("100", 0, 100), "ok:100");
        CcRunner.eq(outcome("-0", -1, 1), "ok:0");
        CcRunner.eq(outcome("101", 0, 100), "range:out of range: 101");
        CcRunner.eq(outcome("-1", 0, 100), "range:out of range: -1");
        CcRunner.eq(outcome(null, 0, 9), "invalid:not a number: null");
        CcRunner.eq(outcome("", 0, 9), "invalid:not a number: ");
        CcRunner.eq(outcome("+5", 0, 9), "invalid:not a number: +5");
        CcRunner.eq(outcome("5x", 0, 9), "invalid:not a number: 5x");
        CcRunner.eq(outcome("2147483648", Integer.MIN_VALUE, Integer.MAX_VALUE),
                "range:out of range: 2147483648");
        CcRunner.eq(outcome("99999999999999999999", 0, Integer.MAX_VALUE),
                "range:out of range: 99999999999999999999");
    }
}
'''


class CheckedParse:
    """See the module docstring."""

    name = "error-handling/java-checked-parse"
    weakness = ("error-handling",)
    languages = ("java",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent, "java"):
            return None
        fn = fresh(parent, rng.choice(("parseBounded", "parseInRange", "checkedInt")))
        seed = rng.randrange(1, 2**63)
        sig = f"public static int {fn}(String text, int lo, int hi)"
        owner = parent.entry_point.removesuffix(".java")
        v = {"fn": fn, "Fn": fn[:1].upper() + fn[1:], "sig": sig, "owner": owner,
             "cls": java_test_class(fn)}
        good = code(PARSE, body=PARSE_GOOD, **v)
        bad = {slug: code(PARSE, body=body, **v) for slug, body in PARSE_BAD.items()}
        tests = code(PARSE_TESTS, rng=code(RNG, seed=seed), **v)
        section = (
            f"Add this method to `{owner}`:\n\n```java\n{sig}\n```\n\n`text` must be one "
            f"or more ASCII digits `0`-`9`, optionally preceded by a single `-` (no `+`, no "
            f"whitespace, nothing after the digits; leading zeros are fine). When it is not — "
            f"`null` included — throw an `IllegalArgumentException` (not a "
            f"`NumberFormatException`) with the message `\"not a number: \" + text`. A "
            f"well-formed number outside `[lo, hi]` (both ends allowed) — including numbers "
            f"too large for an `int` or a `long` — throws an `ArithmeticException` with the "
            f"message `\"out of range: \" + text`. Otherwise return its value. Examples: "
            f"`{fn}(\"100\", 0, 100) == 100`; `{fn}(\"101\", 0, 100)` throws "
            f"`ArithmeticException`; `{fn}(\"+5\", 0, 9)` throws `IllegalArgumentException`.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, sig=sig), tests, bad)


OPERATORS = (NullLabel(), InclusiveSum(), CheckedParse())
