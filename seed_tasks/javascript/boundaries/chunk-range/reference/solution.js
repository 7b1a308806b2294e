// chunk and range, with every edge (remainder chunk, empty input, negative or
// zero steps, bad sizes) decided explicitly.

function chunk(arr, size) {
  if (!Number.isInteger(size) || size <= 0) {
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  }
  const out = [];
  for (let i = 0; i < arr.length; i += size) {
    out.push(arr.slice(i, i + size));
  }
  return out;
}

function range(start, end, step = 1) {
  if (!Number.isInteger(step) || step === 0) {
    throw new RangeError(`step must be a non-zero integer, got ${step}`);
  }
  const out = [];
  if (step > 0) {
    for (let x = start; x < end; x += step) out.push(x);
  } else {
    for (let x = start; x > end; x += step) out.push(x);
  }
  return out;
}

module.exports = { chunk, range };
