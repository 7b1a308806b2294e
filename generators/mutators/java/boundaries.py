"""Java boundaries operator (see :mod:`._extend` for how it grows a task).

* ``boundaries/java-inclusive-sum`` — the ``long`` sum of ``xs[lo..=hi]``
  clipped to the array, for any ``int`` ends (``Integer.MIN_VALUE`` to
  ``MAX_VALUE``). Mutants: an ``int`` accumulator (silent overflow),
  ``hi + 1`` overflowing to ``MIN_VALUE``, an exclusive upper end.
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
        if not applies(parent):
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


OPERATORS = (InclusiveSum(),)
