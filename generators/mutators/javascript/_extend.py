"""The JavaScript ``extend`` helper: how a JavaScript task mutation operator grows a task.

Each adds one exported function to the parent's CommonJS entry point (see
:mod:`generators.mutators.shared.brace`), a stub that throws "not implemented", a ``node
--test`` file checking hundreds of inputs from a small xorshift generator against a
model written another way, plus the edge cases, and hand-written mutants with the
classic JavaScript mistakes. They apply to any JavaScript task, so the campaign can grow
children (and grandchildren) of every JavaScript seed.

The machinery is shared with the other brace languages
(:mod:`generators.mutators.shared.brace`); this module binds it to JavaScript and holds
the snippets every JavaScript operator uses. Nothing here runs task code.
"""

from __future__ import annotations

from codecanary.types import Task
from generators.mutators.shared.brace import applies as _applies
from generators.mutators.shared.brace import code, extend, fresh

__all__ = ["HEAD", "STUB", "applies", "code", "extend", "fresh"]

HEAD = '''
const test = require("node:test");
const assert = require("node:assert/strict");
const { $fn } = require("../$entry");

function makeRng(seed) {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}
'''


STUB = '''
function $fn($args) {
  throw new Error("not implemented");
}
'''


def applies(parent: Task) -> bool:
    """Whether ``parent`` is a JavaScript task whose entry point these operators extend."""
    return _applies(parent, "javascript")
