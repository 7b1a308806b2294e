function chunk(arr, size) {
  throw new Error("TODO");
}

function range(start, end, step = 1) {
  throw new Error("TODO");
}

module.exports = { chunk, range };
