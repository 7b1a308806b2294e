"""The fault operator value: one kind of injectable mistake for one language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FaultOperator:
    """One kind of injectable mistake for one language.

    name: short slug, unique per language (e.g. ``"drop-none-check"``).
    language: ``"python"`` or ``"rust"``.
    weakness: the weakness areas (see ``codecanary.types.WEAKNESSES``) the fault models.
    count: number of distinct sites in a source (0 when the source does not parse).
    apply: the source with the fault applied at site ``i`` (``0 <= i < count``);
        raises IndexError for other ``i``. The same (source, i) always gives
        the same result.
    same_program: whether two sources are one program (e.g. equal syntax trees,
        for operators that unparse); None compares the text.
    """

    name: str
    language: str
    weakness: tuple[str, ...]
    count: Callable[[str], int]
    apply: Callable[[str, int], str]
    same_program: Callable[[str, str], bool] | None = None
