// JSON-lines driver: {xs, size, start, end, step} -> [chunk result or error name, range result or error name].
const readline = require("node:readline");
const { chunk, range } = require("../solution.js");

function attempt(f) {
  try {
    return f();
  } catch (e) {
    return e.constructor.name;
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { xs, size, start, end, step } = JSON.parse(line);
  const out = [attempt(() => chunk(xs, size)), attempt(() => range(start, end, step))];
  process.stdout.write(JSON.stringify(out) + "\n");
});
