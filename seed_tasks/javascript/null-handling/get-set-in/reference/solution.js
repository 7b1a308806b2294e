// Nested access that treats null/undefined as "missing" but keeps falsy values.

function isObject(x) {
  return x !== null && typeof x === "object";
}

function getIn(obj, path, fallback) {
  let cur = obj;
  for (const key of path) {
    if (!isObject(cur) || !(key in cur)) return fallback;
    cur = cur[key];
  }
  return cur === null || cur === undefined ? fallback : cur;
}

function setIn(obj, path, value) {
  if (path.length === 0) return value;
  const base = isObject(obj) ? obj : {};
  const copy = Array.isArray(base) ? base.slice() : { ...base };
  const [head, ...rest] = path;
  copy[head] = setIn(base[head], rest, value);
  return copy;
}

module.exports = { getIn, setIn };
