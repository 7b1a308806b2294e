"""JavaScript task mutation operators: null-handling, boundaries, state-management.

Each adds one exported function to the parent's CommonJS entry point (see
:mod:`._brace`), a stub that throws "not implemented", a ``node --test`` file
checking hundreds of inputs from a small xorshift generator against a model
written another way, plus the edge cases, and hand-written mutants with the
classic JavaScript mistakes. They apply to any JavaScript task, so the
campaign can grow children (and grandchildren) of every JavaScript seed.

* ``null-handling/js-nullish-defaults`` — a label from a record whose parts may
  be ``null``, ``undefined`` or missing (the record too): each takes a
  specified default, falsy-but-present values (``0``) are kept, nothing throws.
  Mutants: ``||`` instead of ``??`` (``0`` replaced), an unguarded nested
  property access (``TypeError`` on a missing owner).
* ``boundaries/js-inclusive-slice`` — the elements at indices ``lo..hi`` (both
  ends included) clipped to the array, for any safe integers. Mutants: an
  exclusive end, reading ``arr[arr.length]``, ``slice`` (negative indices
  counting from the end).
* ``state-management/js-fresh-instances`` — a factory of tallies whose state is
  per instance and whose snapshots are copies. Mutants: a module-level store
  shared by every instance, ``reset`` keeping keys at 0, a cached snapshot
  object handed out (and aliased) on every call.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators._brace import applies, code, extend, fresh
from generators.mutators.base import Mutation

HEAD = '''
const test = require("node:test");
const assert = require("node:assert/strict");
const { $fn } = require("../$entry");

function makeRng(seed) {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}
'''

STUB = '''
function $fn($args) {
  throw new Error("not implemented");
}
'''

DEFAULTS = '''
// Label from a record whose parts may be null, undefined or missing.
function $fn(record) {
  const r = record ?? {};
  const name = typeof r.name === "string" ? r.name.trim() : "";
  const qty = $qty;
  const email = $email;
  const owner = typeof email === "string" && email !== "" ? " <" + email + ">" : "";
  return (name || "$dflt") + " x" + qty + owner;
}
'''

DEFAULTS_TESTS = '''
function model(rec) {
  let name = "$dflt";
  let qty = $dqty;
  let tail = "";
  if (rec !== null && rec !== undefined) {
    if (typeof rec.name === "string") {
      const t = rec.name.replace(/^\\s+|\\s+$$/g, "");
      if (t.length > 0) name = t;
    }
    if (rec.qty !== null && rec.qty !== undefined) qty = rec.qty;
    const o = rec.owner;
    if (o !== null && o !== undefined && typeof o.email === "string" && o.email.length > 0) {
      tail = " <" + o.email + ">";
    }
  }
  return name + " x" + qty + tail;
}

test("$fn matches the model on generated records", () => {
  const next = makeRng($seed);
  const names = [undefined, null, "", "   ", "ann", " bo ", "\\tcy\\n", 0, false, "d e"];
  const qtys = [undefined, null, 0, 1, 2, 7, -3];
  const owners = [undefined, null, {}, { email: null }, { email: "" }, { email: "a@x.io" },
    { email: undefined }, { email: "zed@q.org" }];
  for (let k = 0; k < 500; k++) {
    let rec;
    const shape = next(8);
    if (shape === 0) rec = null;
    else if (shape === 1) rec = undefined;
    else {
      rec = {};
      if (next(3) > 0) rec.name = names[next(names.length)];
      if (next(3) > 0) rec.qty = qtys[next(qtys.length)];
      if (next(3) > 0) rec.owner = owners[next(owners.length)];
    }
    const before = rec && typeof rec === "object" ? structuredClone(rec) : rec;
    let got;
    assert.doesNotThrow(() => { got = $fn(rec); }, "threw on " + JSON.stringify(rec));
    assert.equal(got, model(rec), "record " + JSON.stringify(rec) + " qty " + (rec && rec.qty));
    assert.deepEqual(rec, before, "the record was modified");
  }
});

test("$fn defaults for null, undefined and missing parts", () => {
  assert.equal($fn(null), "$dflt x$dqty");
  assert.equal($fn(undefined), "$dflt x$dqty");
  assert.equal($fn({}), "$dflt x$dqty");
  assert.equal($fn({ owner: {} }), "$dflt x$dqty");
  assert.equal($fn({ name: "  ", qty: 0 }), "$dflt x0");
  assert.equal($fn({ name: " ann ", qty: null, owner: null }), "ann x$dqty");
  assert.equal($fn({ name: "bo", qty: 2, owner: { email: "b@x.io" } }), "bo x2 <b@x.io>");
  assert.equal($fn({ name: 0, qty: -1, owner: { email: "" } }), "$dflt x-1");
});
'''


class NullishDefaults:
    """See the module docstring."""

    name = "null-handling/js-nullish-defaults"
    weakness = ("null-handling",)
    languages = ("javascript",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent, "javascript"):
            return None
        fn = fresh(parent, rng.choice(("itemLabel", "orderLabel", "lineLabel")))
        dflt = rng.choice(("anonymous", "guest", "unknown", "nobody"))
        dqty = rng.choice((1, 2, 3))
        seed = rng.randrange(1, 2**31)
        v = {"fn": fn, "dflt": dflt, "seed": seed, "entry": parent.entry_point}
        good_q, good_e = f"r.qty ?? {dqty}", "r.owner?.email"
        good = code(DEFAULTS, qty=good_q, email=good_e, **v)
        bad = {"falsy-qty-replaced": code(DEFAULTS, qty=f"r.qty || {dqty}", email=good_e, **v),
               "owner-not-guarded": code(DEFAULTS, qty=good_q, email="r.owner.email", **v)}
        tests = code(HEAD, **v) + "\n" + code(DEFAULTS_TESTS, dqty=dqty, **v)
        section = (
            f"Add and export `{fn}(record)`, returning a label string. `record`, and each of "
            f"its properties `name`, `qty` and `owner` (an object with an `email` property), "
            f"may be `null`, `undefined` or missing; `{fn}` must never throw and must not "
            f"modify `record`. The label is: the name with surrounding whitespace trimmed — "
            f"or `\"{dflt}\"` when `name` is not a string or is empty after trimming — then "
            f"` x`, then `qty` — `{dqty}` only when `qty` is `null` or `undefined` (or missing); "
            f"any other value, `0` included, is kept as is — and then, only when "
            f"`record.owner.email` is a non-empty string, a space and the email in angle "
            f"brackets. Examples: `{fn}(null) === \"{dflt} x{dqty}\"`, "
            f"`{fn}({{ name: \"  \", qty: 0 }}) === \"{dflt} x0\"`, "
            f"`{fn}({{ name: \"bo\", qty: 2, owner: {{ email: \"b@x.io\" }} }}) === "
            f"\"bo x2 <b@x.io>\"`.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, fn=fn, args="record"), tests, bad)


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
        if not applies(parent, "javascript"):
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


TALLY = '''
$shared// A tally whose state belongs to the instance; snapshots are copies.
function $fn() {
  const counts = $store;
  return {
    add(key, n = 1) {
      counts.set(key, (counts.get(key) ?? 0) + n);
      return counts.get(key);
    },
    count(key) {
      return counts.get(key) ?? 0;
    },
    snapshot() {
      return $snap;
    },
    reset() {
      $reset;
    },
  };
}
'''

TALLY_TESTS = '''
test("$fn instances keep their own state; snapshots are copies", () => {
  const next = makeRng($seed);
  for (let round = 0; round < 40; round++) {
    const tallies = [$fn(), $fn(), $fn()];
    const models = [{}, {}, {}];
    const taken = [];
    for (let k = 0; k < 40; k++) {
      const i = next(3);
      const key = ["a", "b", "c"][next(3)];
      const op = next(10);
      if (op < 5) {
        const n = [1, 2, 5][next(3)];
        const want = (models[i][key] ?? 0) + n;
        models[i][key] = want;
        const got = n === 1 && next(2) ? tallies[i].add(key) : tallies[i].add(key, n);
        assert.equal(got, want);
      } else if (op < 7) {
        assert.equal(tallies[i].count(key), models[i][key] ?? 0);
      } else if (op < 9) {
        const snap = tallies[i].snapshot();
        assert.deepEqual(snap, { ...models[i] });
        snap[key] = 99;
        delete snap.a;
        taken.push([snap, { ...snap }]);
      } else {
        tallies[i].reset();
        models[i] = {};
        assert.deepEqual(tallies[i].snapshot(), {});
      }
    }
    for (let i = 0; i < 3; i++) assert.deepEqual(tallies[i].snapshot(), models[i]);
    for (const [snap, then] of taken) assert.deepEqual(snap, then, "a snapshot changed later");
  }
});

test("$fn edges: a fresh tally is empty, reset forgets keys", () => {
  const t = $fn();
  const u = $fn();
  assert.deepEqual(t.snapshot(), {});
  assert.equal(t.count("x"), 0);
  assert.equal(t.add("x"), 1);
  assert.equal(t.add("x", 4), 5);
  assert.equal(u.count("x"), 0);
  const s = t.snapshot();
  s.x = 0;
  assert.equal(t.count("x"), 5);
  t.reset();
  assert.deepEqual(t.snapshot(), {});
  assert.deepEqual(s, { x: 0 });
  assert.equal(t.add("y", 2), 2);
  assert.deepEqual(t.snapshot(), { y: 2 });
});
'''


class FreshInstances:
    """See the module docstring."""

    name = "state-management/js-fresh-instances"
    weakness = ("state-management",)
    languages = ("javascript",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent, "javascript"):
            return None
        fn = fresh(parent, rng.choice(("makeTally", "createTally", "newCounter")))
        seed = rng.randrange(1, 2**31)
        v = {"fn": fn, "seed": seed, "entry": parent.entry_point}
        ok = {"shared": "", "store": "new Map()", "snap": "Object.fromEntries(counts)",
              "reset": "counts.clear()"}
        good = code(TALLY, **{**v, **ok})
        bad = {
            "module-level-state": code(TALLY, **{**v, **ok, "store": f"{fn}Counts",
                                                 "shared": f"const {fn}Counts = new Map();\n"}),
            "reset-keeps-keys": code(TALLY, **{**v, **ok, "reset": "for (const k of counts.keys())"
                                               " counts.set(k, 0)"}),
            "snapshot-cached": code(TALLY, **{**v, **ok, "store": "new Map(), view = {}",
                                              "snap": "Object.assign(view, "
                                                      "Object.fromEntries(counts))"}),
        }
        tests = code(HEAD, **v) + "\n" + code(TALLY_TESTS, **v)
        section = (
            f"Add and export a factory `{fn}()` returning a new tally object with methods "
            f"`add(key, n = 1)` (adds `n` to the key's count and returns the new count), "
            f"`count(key)` (the key's count, `0` for a key never added), `snapshot()` (a new "
            f"plain object mapping every added key to its count) and `reset()` (forgets every "
            f"key: the next snapshot is `{{}}`). Each tally has its own state: tallies made by "
            f"separate calls never share counts. A snapshot is a copy taken at the time of the "
            f"call: changing it does not change the tally, and later calls do not change it.")
        return extend(parent, self.name, self.weakness, {"new": fn, "seed": seed}, section,
                      good, code(STUB, fn=fn, args=""), tests, bad)


OPERATORS = (NullishDefaults(), InclusiveSlice(), FreshInstances())
