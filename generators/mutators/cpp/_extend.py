"""The C++ ``extend`` helper: how a C++ task mutation operator grows a task.

Each appends one function to the parent's single translation unit (see
:mod:`generators.mutators.shared.brace`), a stub that throws ``std::logic_error("not
implemented")``, a new ``tests/<fn>_tests.cpp`` whose ``TEST``\\ s check hundreds of
inputs from a xorshift generator against a model written another way plus the edge
cases, and hand-written mutants with the classic C++ mistakes. They apply to any C++
task, so the campaign can grow children of every C++ seed.

The machinery is shared with the other brace languages
(:mod:`generators.mutators.shared.brace`); this module binds it to C++ and holds
the snippets every C++ operator uses. Nothing here runs task code.
"""

from __future__ import annotations

from codecanary.types import Task
from generators.mutators.shared.brace import applies as _applies
from generators.mutators.shared.brace import code, extend, fresh

__all__ = ["HEAD", "RNG", "STUB", "applies", "code", "extend", "fresh"]

HEAD = '''
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
'''


RNG = '''std::uint64_t state = $seed;
    auto next = [&state](std::uint64_t n) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state % n;
    };'''


STUB = '''
#include <stdexcept>

$sig {
    throw std::logic_error("not implemented");
}
'''


def applies(parent: Task) -> bool:
    """Whether ``parent`` is a C++ task whose entry point these operators extend."""
    return _applies(parent, "cpp")
