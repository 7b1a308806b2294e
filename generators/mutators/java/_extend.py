"""The Java ``extend`` helper: how a Java task mutation operator grows a task.

Each inserts one ``public static`` method into the parent's public class (see
:mod:`generators.mutators.shared.brace`), a stub that throws
``UnsupportedOperationException("not implemented")``, a new ``tests/<Name>Test.java``
whose ``test*`` methods check hundreds of inputs from a xorshift generator against a
model written another way plus the edge cases, and hand-written mutants with the classic
Java mistakes. Types are fully qualified (``java.util.List``) so nothing depends on the
parent's imports. They apply to any Java task.

The machinery is shared with the other brace languages
(:mod:`generators.mutators.shared.brace`); this module binds it to Java and holds
the snippets every Java operator uses. Nothing here runs task code.
"""

from __future__ import annotations

from codecanary.types import Task
from generators.mutators.shared.brace import applies as _applies
from generators.mutators.shared.brace import code, extend, fresh, java_test_class

__all__ = ["RNG", "STUB", "applies", "code", "extend", "fresh", "java_test_class"]

RNG = '''long[] state = {${seed}L};
        java.util.function.IntUnaryOperator next = n -> {
            state[0] ^= state[0] << 13;
            state[0] ^= state[0] >>> 7;
            state[0] ^= state[0] << 17;
            return (int) Long.remainderUnsigned(state[0], n);
        };'''


STUB = '''
$sig {
    throw new UnsupportedOperationException("not implemented");
}
'''


def applies(parent: Task) -> bool:
    """Whether ``parent`` is a Java task whose entry point these operators extend."""
    return _applies(parent, "java")
