"""Python task mutation operators, one module per weakness area.

Areas: :mod:`.null_handling`, :mod:`.concurrency` (and :mod:`.concurrency_pool`),
:mod:`.boundaries`, :mod:`.error_handling`, :mod:`.state_management`,
:mod:`.asynchronous` (area ``async``), :mod:`.security`, :mod:`.contextual_amnesia`,
:mod:`.performance`; how they grow a task is :mod:`._extend`.
"""

from __future__ import annotations

from generators.mutators.base import TaskMutator
from generators.mutators.python import (
    asynchronous,
    boundaries,
    concurrency,
    concurrency_pool,
    contextual_amnesia,
    error_handling,
    null_handling,
    performance,
    security,
    state_management,
)

OPERATORS: tuple[TaskMutator, ...] = (
    *null_handling.OPERATORS,
    *concurrency.OPERATORS,
    *concurrency_pool.OPERATORS,
    *boundaries.OPERATORS,
    *error_handling.OPERATORS,
    *state_management.OPERATORS,
    *asynchronous.OPERATORS,
    *security.OPERATORS,
    *contextual_amnesia.OPERATORS,
    *performance.OPERATORS,
)
