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
    const list = this.list(event);
    let calls = 0;
    for (let i = 0; i < list.length; i++) {
      const reg = list[i];
      if (reg.once) list.splice(i, 1);
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
