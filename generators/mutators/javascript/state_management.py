"""JavaScript state-management operator (see :mod:`._extend` for how it grows a task).

* ``state-management/js-fresh-instances`` — a factory of tallies whose state is
  per instance and whose snapshots are copies. Mutants: a module-level store
  shared by every instance, ``reset`` keeping keys at 0, a cached snapshot
  object handed out (and aliased) on every call.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.javascript._extend import HEAD, STUB, applies, code, extend, fresh

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
        if not applies(parent):
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


OPERATORS = (FreshInstances(),)
