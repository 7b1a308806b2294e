class Emitter {
  constructor() {
    this.listeners = {};
  }

  on(event, fn) {
    (this.listeners[event] = this.listeners[event] || []).push({ fn, once: false });
    return this;
  }

  once(event, fn) {
    (this.listeners[event] = this.listeners[event] || []).push({ fn, once: true });
    return this;
  }

  off(event, fn) {
    const list = this.listeners[event] || [];
    const before = list.length;
    this.listeners[event] = list.filter((l) => l.fn !== fn);
    return this.listeners[event].length !== before;
  }

  emit(event, ...args) {
    const list = this.listeners[event] || [];
    let calls = 0;
    for (let i = 0; i < list.length; i++) {
      const l = list[i];
      if (l.once) list.splice(i, 1);
      l.fn(...args);
      calls++;
    }
    return calls;
  }

  count(event) {
    return (this.listeners[event] || []).length;
  }
}

module.exports = { Emitter };
