const test = require("node:test");
const assert = require("node:assert/strict");
const { getIn, setIn } = require("../solution.js");

test("present values, falsy included", () => {
  const o = { a: { b: [10, 0, ""] }, f: false, n: NaN };
  assert.equal(getIn(o, ["a", "b", 0], "x"), 10);
  assert.equal(getIn(o, ["a", "b", 1], "x"), 0);
  assert.equal(getIn(o, ["a", "b", 2], "x"), "");
  assert.equal(getIn(o, ["f"], "x"), false);
  assert.ok(Number.isNaN(getIn(o, ["n"], "x")));
});

test("missing and null steps give the fallback", () => {
  const o = { a: null, b: { c: undefined }, s: "str" };
  assert.equal(getIn(null, ["a"], "x"), "x");
  assert.equal(getIn(undefined, [], "x"), "x");
  assert.equal(getIn(o, ["a", "b"], "x"), "x");
  assert.equal(getIn(o, ["a"], "x"), "x");
  assert.equal(getIn(o, ["b", "c"], "x"), "x");
  assert.equal(getIn(o, ["s", "length"], "x"), "x");
  assert.equal(getIn(o, ["zz", "y"], "x"), "x");
  assert.deepEqual(getIn(o, [], "x"), o);
});

test("setIn copies and never mutates", () => {
  const o = { a: { b: 1 }, k: [1, 2] };
  const n = setIn(o, ["a", "c"], 5);
  assert.deepEqual(n, { a: { b: 1, c: 5 }, k: [1, 2] });
  assert.deepEqual(o, { a: { b: 1 }, k: [1, 2] });
  assert.notEqual(n.a, o.a);
  assert.equal(n.k, o.k);
  const m = setIn(o, ["k", 1], 9);
  assert.ok(Array.isArray(m.k));
  assert.deepEqual(m.k, [1, 9]);
  assert.deepEqual(o.k, [1, 2]);
});

test("setIn creates missing steps", () => {
  assert.deepEqual(setIn(null, ["a", "b"], 1), { a: { b: 1 } });
  assert.deepEqual(setIn({ a: 3 }, ["a", "b"], 1), { a: { b: 1 } });
  assert.equal(setIn({ a: 1 }, [], 7), 7);
});
