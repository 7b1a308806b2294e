"""The assistant contract and how an assistant id is turned into an instance.

Ids look like ``family[:argument]`` (``sim``, ``sim:baseline``,
``sim:path/to/profile.toml``); the family is a registered factory in the
``assistant`` registry that receives the argument (or None).
"""

from __future__ import annotations

from typing import Protocol

from codecanary.registry import get
from codecanary.types import Attempt, Task


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


def create(assistant_id: str) -> Assistant:
    """Instantiate an assistant from its id (``family[:argument]``)."""
    family, _, arg = assistant_id.partition(":")
    factory = get("assistant", family)
    assistant: Assistant = factory(arg or None)
    return assistant
