"""``echo-ref``: a toy assistant family that answers every task with its reference solution.

The whole plug-in is this module: an assistant class and one :func:`assistant_family`
registration giving its example ids, its status check and its capabilities. It shows
that a new assistant is one module in its own package, found through the package's
entry point in the ``codecanary.plugins`` group.
"""

from __future__ import annotations

import time

from assistants.family import Capabilities, assistant_family
from codecanary.types import Attempt, Task


class EchoRefAssistant:
    """Returns the task's reference files: every answer should pass its hidden tests."""

    deterministic = True  # one answer per task; samples of it would be copies

    def __init__(self, label: str | None) -> None:
        self.id = f"echo-ref:{label}" if label else "echo-ref"
        self.version = "echo-ref 0.1.0"

    def attempt(self, task: Task, sample: int, night: str) -> Attempt:
        """The reference solution, as if the assistant had written it."""
        start = time.monotonic()
        files = dict(task.reference)
        return Attempt(task_id=task.id, assistant=self.id, version=self.version, sample=sample,
                       files=files, transcript=f"[echo-ref] {', '.join(sorted(files))}",
                       latency_s=time.monotonic() - start, meta={"toy": "echo-ref"})


def status() -> tuple[bool, str]:
    """Nothing to install: the toy needs only the tasks' own references."""
    return True, "toy plug-in: answers with the reference solution"


@assistant_family("echo-ref", examples=("echo-ref", "echo-ref:<label>"), status=status,
                  capabilities=Capabilities(reuse=True))
def make_echo_ref(arg: str | None) -> EchoRefAssistant:
    """Factory for ``echo-ref[:<label>]`` (the label only changes the history key)."""
    return EchoRefAssistant(arg)
