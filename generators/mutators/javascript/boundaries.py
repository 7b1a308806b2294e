"""JavaScript boundaries operator (see :mod:`._extend` for how it grows a task).

* ``boundaries/js-inclusive-slice`` — the elements at indices ``lo..hi`` (both
  ends included) clipped to the array, for any safe integers. Mutants: an
  exclusive end, reading ``arr[arr.length]``, ``slice`` (negative indices
  counting from the end).
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.javascript._extend import HEAD, STUB, applies, code, extend, fresh

SLICE = '''
// The elements at indices lo..hi (both included) that exist in arr, as a new array.
function $fn(arr, lo, hi) {
  $body
}
'''


SLICE_GOOD = '''const out = [];
  const last = Math.min(hi, arr.length - 1);
  for (let i = Math.max(lo, 0); i <= last; i++) out.push(arr[i]);
  return out;'''


SLICE_BAD = {
    "exclusive-hi": '''const out = [];
  const last = Math.min(hi, arr.length);
  for (let i = Math.max(lo, 0); i < last; i++) out.push(arr[i]);
  return out;''',
    "reads-past-end": '''const out = [];
  const last = Math.min(hi, arr.length);
  for (let i = Math.max(lo, 0); i <= last; i++) out.push(arr[i]);
  return out;''',
    "slice-negative-from-end": "return arr.slice(lo, hi + 1);",
}


SLICE_TESTS = '''
const MAX = Number.MAX_SAFE_INTEGER;

test("$fn matches the model on generated ranges", () => {
  const next = makeRng($seed);
  for (let k = 0; k < 600; k++) {
    const n = next(7);
    const arr = [];
    for (let i = 0; i < n; i++) arr.push(next(100) - 50);
    const pick = () => {
      switch (next(7)) {
        case 0: return next(2) ? MAX : -MAX;
        case 1: return n;
        case 2: return n - 1;
        case 3: return -1 - next(3);
        default: return next(9);
      }
    };
    const lo = pick();
    const hi = next(5) === 0 ? lo : pick();
    const copy = arr.slice();
    const want = arr.filter((_, i) => i >= lo && i <= hi);
    const got = $fn(arr, lo, hi);
    assert.ok(Array.isArray(got) && got !== arr, "a new array");
    assert.deepEqual(got, want, JSON.stringify(arr) + " [" + lo + ", " + hi + "]");
    assert.deepEqual(arr, copy, "the input was modified");
  }
});

test("$fn edges: ends included, empty and single-element inputs, safe-integer limits", () => {
  const xs = [10, 20, 30, 40];
  assert.deepEqual($fn(xs, 1, 2), [20, 30]);
  assert.deepEqual($fn(xs, 0, 3), [10, 20, 30, 40]);
  assert.deepEqual($fn(xs, 3, 3), [40]);
  assert.deepEqual($fn(xs, 2, 1), []);
  assert.deepEqual($fn(xs, 2, MAX), [30, 40]);
  assert.deepEqual($fn(xs, -MAX, 0), [10]);
  assert.deepEqual($fn(xs, -2, -1), []);
  assert.deepEqual($fn(xs, -1, 1), [10, 20]);
  assert.deepEqual($fn(xs, 4, 9), []);
  assert.deepEqual($fn([], 0, 0), []);
  assert.deepEqual($fn([7], 0, 0), [7]);
  assert.deepEqual($fn([7], -1, 0), [7]);
});
'''


class InclusiveSlice:
    """See the module docstring."""

    name = "boundaries/js-inclusive-slice"
    weakness = ("boundaries",)
    languages = ("javascript",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = fresh(parent, rng.choice(("takeBetween", "sliceInclusive", "pickRange")))
        seed = rng.randrange(1, 2**31)
        v = {"fn": fn, "seed": seed, "entry": parent.entry_point}
        good = code(SLICE, body=SLICE_GOOD, **v)
        bad = {slug: code(SLICE, body=body, **v) for slug, body in SLICE_BAD.items()}
        tests = code(HEAD, **v) + "\n" + code(SLICE_TESTS, **v)
        section = (
            f"Add and export `{fn}(arr, lo, hi)`: a new array (never `arr` itself; `arr` is "
            f"not modified) with the elements `arr[i]`, in order, for every integer index `i` "
            f"with `lo <= i <= hi` (both ends included) that exists in `arr` "
            f"(`0 <= i < arr.length`). `lo` and `hi` are integers anywhere in "
            f"`[-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]`; negative indices do "
            f"*not* count from the end, they simply select nothing. The result is empty when "
            f"`lo > hi` or no index is in range. Examples: `{fn}([10, 20, 30, 40], 1, 2)` is "
            f"`[20, 30]`, `{fn}([10, 20, 30, 40], 2, Number.MAX_SAFE_INTEGER)` is `[30, 40]`, "
            f"`{fn}([10, 20, 30, 40], -2, -1)` is `[]`, `{fn}([7], 0, 0)` is `[7]`.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, fn=fn, args="arr, lo, hi"), tests, bad)


OPERATORS = (InclusiveSlice(),)
