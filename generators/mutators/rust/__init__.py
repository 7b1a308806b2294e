"""Rust task mutation operators, one module per weakness area.

Areas: :mod:`.borrow_checking`, :mod:`.null_handling`, :mod:`.concurrency`,
:mod:`.boundaries`; how the last three grow a task is :mod:`._extend` (the
borrow-checking operators also rewrite the parent's own functions).
"""

from __future__ import annotations

from generators.mutators.base import TaskMutator
from generators.mutators.rust import borrow_checking, boundaries, concurrency, null_handling

OPERATORS: tuple[TaskMutator, ...] = (
    *borrow_checking.OPERATORS,
    *null_handling.OPERATORS,
    *concurrency.OPERATORS,
    *boundaries.OPERATORS,
)
