"""Failure anatomy on real sandboxed runs: deadlock stack dumps, counterexamples, races."""

from __future__ import annotations

import dataclasses

from codecanary.types import Attempt, Limits, Task
from reviewers.anatomy import dissect
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import run_tests

DEADLOCK = '''\
import threading
import time


class Counter:
    def __init__(self):
        self._a = threading.Lock()
        self._b = threading.Lock()
        self._flip = False
        self._value = 0

    def add(self, n):
        self._flip = not self._flip
        first, second = (self._a, self._b) if self._flip else (self._b, self._a)
        with first:
            if threading.current_thread() is not threading.main_thread():
                time.sleep(0.01)
            with second:
                self._value += n

    @property
    def value(self):
        return self._value
'''


def test_deadlock_is_told_by_the_stack_dump(sandbox: BwrapSandbox,
                                            review_tasks: dict[str, Task]) -> None:
    task = dataclasses.replace(review_tasks["counter"], limits=Limits(time_s=20, memory_mb=512))
    attempt = Attempt(task.id, "t", "v", 0, {"solution.py": DEADLOCK})
    e = run_tests(sandbox, task, attempt.files)
    assert e.verdict == "timeout", e.stderr[-2000:]
    anatomy = dissect(task, attempt, e)
    assert anatomy.execution.failure_class == "deadlock", e.stderr[-2000:]
    assert anatomy.evidence is not None and "Thread 0x" in anatomy.evidence


def test_off_by_one_is_a_wrong_answer_with_its_counterexample(
        sandbox: BwrapSandbox, review_tasks: dict[str, Task]) -> None:
    task = review_tasks["window-sums"]
    code = task.reference["solution.py"].replace("len(xs) - k + 1", "len(xs) - k")
    attempt = Attempt(task.id, "t", "v", 0, {"solution.py": code})
    anatomy = dissect(task, attempt, run_tests(sandbox, task, attempt.files))
    assert anatomy.execution.failure_class == "wrong-answer"
    assert anatomy.counterexample is not None
    assert anatomy.counterexample.split(": ", 1)[1].startswith("test_matches_naive(")
    assert anatomy.counterexample.startswith(("Falsifying example", "Failing test case"))
    assert "xs=" in anatomy.counterexample and "k=" in anatomy.counterexample


def test_a_failure_that_passes_on_rerun_is_a_race(sandbox: BwrapSandbox,
                                                  review_tasks: dict[str, Task]) -> None:
    task = review_tasks["counter"]
    attempt = Attempt(task.id, "t", "v", 0, dict(task.reference))
    failing = dataclasses.replace(run_tests(sandbox, task, attempt.files), exit_code=1)
    failing = dataclasses.replace(failing, tests=tuple(
        dataclasses.replace(t, outcome="failed", message="assert 2399 == 2400")
        for t in failing.tests[:1]) + failing.tests[1:])
    calls: list[int] = []

    def rerun():  # the same (correct) answer run again: it passes
        calls.append(1)
        return run_tests(sandbox, task, attempt.files)

    anatomy = dissect(task, attempt, failing, rerun)
    assert anatomy.execution.failure_class == "race"
    assert anatomy.reruns == [True] and len(calls) == 1
