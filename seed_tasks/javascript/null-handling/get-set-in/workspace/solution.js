function getIn(obj, path, fallback) {
  throw new Error("TODO");
}

function setIn(obj, path, value) {
  throw new Error("TODO");
}

module.exports = { getIn, setIn };
