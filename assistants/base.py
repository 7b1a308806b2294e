"""The assistant contract and how an assistant id is turned into an instance.

Ids look like ``family[:argument]`` (``sim``, ``sim:baseline``,
``sim:path/to/profile.toml``); the family is a registered factory in the
``assistant`` registry that receives the argument (or None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from codecanary.registry import get
from codecanary.types import Attempt, Task

if TYPE_CHECKING:
    from codecanary.store import Store


class Assistant(Protocol):
    """Something that answers coding tasks.

    id: the history key (nights of the same id are compared with each other).
    version: exact model/CLI/profile version, recorded on every attempt.
    """

    id: str
    version: str

    def attempt(self, task: Task, sample: int, night: str) -> Attempt:
        """Answer ``task`` (sample ``sample`` of this night) with files."""
        ...


class GaveUp(RuntimeError):
    """A request still failed after the allowed retries; the message says why."""

    def __init__(self, message: str, retries: int) -> None:
        super().__init__(message)
        self.retries = retries


class BatchError(RuntimeError):
    """A night's batch could not be submitted or adopted; the message says why."""


@runtime_checkable
class Batching(Protocol):
    """An assistant that can answer a whole night as one provider batch (``--batch``).

    ``start_batch`` adopts this night's unfinished batch of the same items (after a
    restart) or submits a new one, and returns the entry recorded in the campaign's
    config (its id, key and the items the cost cap left out). Raises
    :class:`BatchError`.
    """

    def start_batch(self, store: Store, night: str,
                    items: list[tuple[Task, int]]) -> dict[str, Any]:
        """Adopt or submit the batch of ``items`` ((task, sample) pairs) for ``night``."""
        ...


def create(assistant_id: str) -> Assistant:
    """Instantiate an assistant from its id (``family[:argument]``)."""
    family, _, arg = assistant_id.partition(":")
    factory = get("assistant", family)
    assistant: Assistant = factory(arg or None)
    return assistant
