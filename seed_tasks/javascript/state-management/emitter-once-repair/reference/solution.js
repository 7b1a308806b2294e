// An event emitter whose emit works on a snapshot of the registrations, so
// once-removal and listeners that add or remove others cannot skip anyone.

class Emitter {
  constructor() {
    this.listeners = new Map();
  }

  list(event) {
    if (!this.listeners.has(event)) this.listeners.set(event, []);
    return this.listeners.get(event);
  }

  on(event, fn) {
    this.list(event).push({ fn, once: false });
    return this;
  }

  once(event, fn) {
    this.list(event).push({ fn, once: true });
    return this;
  }

  off(event, fn) {
    const list = this.list(event);
    const i = list.findIndex((reg) => reg.fn === fn);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  emit(event, ...args) {
    const snapshot = this.list(event).slice();
    let calls = 0;
    for (const reg of snapshot) {
      const live = this.list(event);
      const at = live.indexOf(reg);
      if (at < 0) continue; // removed by an earlier listener of this emit
      if (reg.once) live.splice(at, 1);
      reg.fn(...args);
      calls++;
    }
    return calls;
  }

  count(event) {
    return this.list(event).length;
  }
}

module.exports = { Emitter };
