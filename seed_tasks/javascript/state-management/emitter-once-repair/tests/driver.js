// JSON-lines driver: [[op, listener]...] -> [result per step..., calls log].
const readline = require("node:readline");
const { Emitter } = require("../solution.js");

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const steps = JSON.parse(line);
  const e = new Emitter();
  const log = [];
  const fns = [];
  fns[0] = () => log.push(0);
  fns[1] = () => log.push(1);
  fns[2] = () => { log.push(2); e.off("ev", fns[0]); };
  fns[3] = () => { log.push(3); e.on("ev", fns[1]); };
  const results = steps.map(([op, k]) => {
    if (op === 0) return e.on("ev", fns[k]) === e;
    if (op === 1) return e.once("ev", fns[k]) === e;
    if (op === 2) return e.off("ev", fns[k]);
    return e.emit("ev", k);
  });
  process.stdout.write(JSON.stringify([results, log, e.count("ev")]) + "\n");
});
