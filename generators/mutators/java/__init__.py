"""Java task mutation operators, one module per weakness area.

Areas null-handling, boundaries, error-handling: :mod:`.null_handling`,
:mod:`.boundaries`, :mod:`.error_handling`; how they grow a task is :mod:`._extend`."""

from __future__ import annotations

from generators.mutators.base import TaskMutator
from generators.mutators.java import boundaries, error_handling, null_handling

OPERATORS: tuple[TaskMutator, ...] = (
    *null_handling.OPERATORS,
    *boundaries.OPERATORS,
    *error_handling.OPERATORS,
)
