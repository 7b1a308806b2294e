"""A fault operator for ``shell``: flip a numeric comparison (``-gt`` <-> ``-lt``, ...).

Registered like the built-in operators (family ``"fault"``, ``"<language>:<name>"``),
so ``tasks validate --mutation`` and the simulated assistant use it unchanged.
"""

from __future__ import annotations

import re

from codecanary.registry import register
from generators.faults import FaultOperator

_FLIP = {"-gt": "-lt", "-lt": "-gt", "-ge": "-le", "-le": "-ge"}
_SITE = re.compile(r"(?<=\s)-(?:gt|lt|ge|le)(?=\s)")


def count(source: str) -> int:
    """The numeric comparisons in ``source``."""
    return len(_SITE.findall(source))


def apply(source: str, site: int) -> str:
    """``source`` with comparison number ``site`` flipped."""
    found = list(_SITE.finditer(source))
    if not 0 <= site < len(found):
        raise IndexError(site)
    m = found[site]
    return source[:m.start()] + _FLIP[m.group()] + source[m.end():]


FLIP_COMPARISON = register("fault", "shell:flip-comparison")(
    FaultOperator("flip-comparison", "shell", ("boundaries",), count, apply))
