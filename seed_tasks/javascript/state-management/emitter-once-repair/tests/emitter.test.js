const test = require("node:test");
const assert = require("node:assert/strict");
const { Emitter } = require("../solution.js");

test("once does not skip the next listener", () => {
  const e = new Emitter();
  const seen = [];
  e.once("x", () => seen.push("a")).on("x", () => seen.push("b"));
  assert.equal(e.emit("x"), 2);
  assert.deepEqual(seen, ["a", "b"]);
  assert.equal(e.emit("x"), 1);
  assert.deepEqual(seen, ["a", "b", "b"]);
  assert.equal(e.count("x"), 1);
});

test("arguments and repeated registrations", () => {
  const e = new Emitter();
  const got = [];
  const f = (a, b) => got.push(a + b);
  e.on("s", f).on("s", f);
  assert.equal(e.emit("s", 1, 2), 2);
  assert.deepEqual(got, [3, 3]);
  assert.equal(e.emit("none"), 0);
});

test("off removes only the earliest registration", () => {
  const e = new Emitter();
  const f = () => {};
  e.once("x", f).on("x", f);
  assert.equal(e.off("x", f), true);
  assert.equal(e.count("x"), 1);
  assert.equal(e.emit("x"), 1);
  assert.equal(e.count("x"), 1);
  assert.equal(e.off("x", () => {}), false);
});

test("listeners added during emit wait; removed ones are not called", () => {
  const e = new Emitter();
  const seen = [];
  const late = () => seen.push("late");
  const victim = () => seen.push("victim");
  e.on("x", () => {
    seen.push("first");
    e.on("x", late);
    e.off("x", victim);
  });
  e.on("x", victim);
  assert.equal(e.emit("x"), 1);
  assert.deepEqual(seen, ["first"]);
  assert.equal(e.emit("x"), 2);
  assert.deepEqual(seen, ["first", "first", "late"]);
});
