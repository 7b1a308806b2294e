"""JavaScript task mutation operators, one module per weakness area.

Areas null-handling, boundaries, state-management: :mod:`.null_handling`,
:mod:`.boundaries`, :mod:`.state_management`; how they grow a task is :mod:`._extend`."""

from __future__ import annotations

from generators.mutators.base import TaskMutator
from generators.mutators.javascript import boundaries, null_handling, state_management

OPERATORS: tuple[TaskMutator, ...] = (
    *null_handling.OPERATORS,
    *boundaries.OPERATORS,
    *state_management.OPERATORS,
)
