// JSON-lines driver: {obj, path, value} -> [getIn(obj, path, "FB"), setIn(obj, path, value), obj after].
const readline = require("node:readline");
const { getIn, setIn } = require("../solution.js");

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { obj, path, value } = JSON.parse(line);
  const got = getIn(obj, path, "FB");
  const set = setIn(obj, path, value);
  process.stdout.write(JSON.stringify([got === undefined ? "UNDEF" : got, set === undefined ? "UNDEF" : set, obj]) + "\n");
});
