"""Java error-handling operator (see :mod:`._extend` for how it grows a task).

* ``error-handling/java-checked-parse`` — a strict decimal parse within
  ``[lo, hi]`` throwing ``IllegalArgumentException`` or ``ArithmeticException``
  with specified messages. Mutants: ``Integer.parseInt`` (accepts ``"+5"``,
  throws ``NumberFormatException``), ``Long.parseLong`` (fails past a
  ``long``), an exclusive upper end.
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
        if not applies(parent):
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


OPERATORS = (CheckedParse(),)
