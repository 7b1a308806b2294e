"""JavaScript null-handling operator (see :mod:`._extend` for how it grows a task).

* ``null-handling/js-nullish-defaults`` — a label from a record whose parts may
  be ``null``, ``undefined`` or missing (the record too): each takes a
  specified default, falsy-but-present values (``0``) are kept, nothing throws.
  Mutants: ``||`` instead of ``??`` (``0`` replaced), an unguarded nested
  property access (``TypeError`` on a missing owner).
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.javascript._extend import HEAD, STUB, applies, code, extend, fresh

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
        if not applies(parent):
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


OPERATORS = (NullishDefaults(),)
