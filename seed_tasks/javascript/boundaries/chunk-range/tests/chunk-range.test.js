const test = require("node:test");
const assert = require("node:assert/strict");
const { chunk, range } = require("../solution.js");

test("chunk with remainder", () => {
  assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(chunk([1, 2, 3, 4], 2), [[1, 2], [3, 4]]);
  assert.deepEqual(chunk([1, 2], 5), [[1, 2]]);
  assert.deepEqual(chunk([], 3), []);
});

test("chunk rejects bad sizes and keeps its input", () => {
  for (const size of [0, -1, 1.5, NaN, "2"]) {
    assert.throws(() => chunk([1, 2], size), RangeError);
  }
  const a = [1, 2, 3];
  chunk(a, 2);
  assert.deepEqual(a, [1, 2, 3]);
});

test("range forward and backward, end excluded", () => {
  assert.deepEqual(range(0, 5, 2), [0, 2, 4]);
  assert.deepEqual(range(0, 4, 2), [0, 2]);
  assert.deepEqual(range(5, 0, -2), [5, 3, 1]);
  assert.deepEqual(range(4, 0, -2), [4, 2]);
  assert.deepEqual(range(3, 3), []);
  assert.deepEqual(range(0, 3), [0, 1, 2]);
  assert.deepEqual(range(0, 3, -1), []);
  assert.deepEqual(range(3, 0), []);
});

test("range rejects bad steps", () => {
  assert.throws(() => range(0, 3, 0), RangeError);
  assert.throws(() => range(0, 3, 0.5), RangeError);
});
