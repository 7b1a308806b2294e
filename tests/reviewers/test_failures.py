"""Failure classes read from executions (pure: no sandbox)."""

from __future__ import annotations

from codecanary.types import Attempt, Execution, TestOutcome
from reviewers.failures import classify, counterexample, family, stack_dump, threads_waiting

FAILED = (TestOutcome("t::a", "failed", "assert 1 == 2"),)
DUMP_DEADLOCK = """Timeout (0:00:08)!
Thread 0x00007f1 (most recent call first):
  File "/box/solution.py", line 12 in transfer
  File "/usr/lib/python3.11/threading.py", line 975 in run
Thread 0x00007f2 (most recent call first):
  File "/box/solution.py", line 18 in transfer
Current thread 0x00007f3 (most recent call first):
  File "/usr/lib/python3.11/threading.py", line 1116 in _wait_for_tstate_lock
  File "/usr/lib/python3.11/threading.py", line 1096 in join
  File "/box/tests/test_x.py", line 20 in test_transfers
"""
DUMP_LOOP = """Timeout (0:00:08)!
Current thread 0x00007f3 (most recent call first):
  File "/box/solution.py", line 3 in spin
  File "/box/tests/test_x.py", line 5 in test_spin
"""


def _attempt(files: dict[str, str] | None = None, transcript: str = "") -> Attempt:
    return Attempt("t", "sim", "v", 0, files if files is not None else {"s.py": "x = 1\n"},
                   transcript=transcript)


def test_passing_execution_has_no_class() -> None:
    ok = Execution(0, tests=(TestOutcome("t::a", "passed"),))
    assert classify(ok) is None and family(None) is None


def test_rust_borrow_codes_are_their_own_class_and_type_errors_too() -> None:
    borrow = Execution(97, compile_error=True, diagnostics=("E0308", "E0505"))
    assert classify(borrow) == "compile:E0505"
    assert family("compile:E0505") == "borrow-check"
    typed = Execution(97, compile_error=True, diagnostics=("E0308",))
    assert classify(typed) == "type-error:E0308" and family("type-error:E0308") == "type-error"
    other = Execution(97, compile_error=True, diagnostics=("E0425",))
    assert classify(other) == "compile:E0425" and family("compile:E0425") == "compile"


def test_none_errors_are_null_handling_other_type_errors_are_type_errors() -> None:
    none = Execution(1, tests=(TestOutcome("t::a", "failed",
                                           "E   AttributeError: 'NoneType' object has no "
                                           "attribute 'get'"),))
    assert classify(none) == "null-handling"
    typed = Execution(1, tests=(TestOutcome("t::a", "failed",
                                            "E   TypeError: can only concatenate str"),))
    assert classify(typed) == "type-error"
    key = Execution(1, tests=(TestOutcome("t::a", "failed", "E   KeyError: 'name'"),))
    assert classify(key) == "exception:KeyError"
    mem = Execution(1, tests=(TestOutcome("t::a", "error", "MemoryError: boom"),))
    assert classify(mem) == "memory"


def test_wrong_answer_keeps_the_shrunk_counterexample() -> None:
    msg = ("assert [1] == [1, 2]\nE   assert [1] == [1, 2]\nE   Falsifying example: "
           "test_matches_naive(\nE       xs=[0],\nE       k=1,\nE   )\n\ntests/x.py:9: "
           "AssertionError")
    e = Execution(1, tests=(TestOutcome("t::a", "failed", msg),))
    assert classify(e) == "wrong-answer"
    cx = counterexample(e)
    assert cx is not None and cx.startswith("Falsifying example: test_matches_naive(")
    assert "xs=[0]" in cx and "k=1" in cx
    assert counterexample(Execution(1, tests=FAILED)) is None


def test_stack_dump_tells_deadlock_from_timeout() -> None:
    dead = Execution(1, verdict="timeout", stderr="noise\n" + DUMP_DEADLOCK)
    dump = stack_dump(dead)
    assert dump is not None and threads_waiting(dump)
    assert classify(dead) == "deadlock"
    assert classify(Execution(1, verdict="timeout", stderr=DUMP_LOOP)) == "timeout"
    assert classify(Execution(-9, verdict="timeout")) == "timeout"
    assert classify(Execution(-9, verdict="memory")) == "memory"


def test_a_failure_that_does_not_reproduce_is_a_race() -> None:
    bad = Execution(1, tests=FAILED)
    good = Execution(0, tests=(TestOutcome("t::a", "passed"),))
    assert classify(bad, _attempt(), reruns=[bad]) == "wrong-answer"
    assert classify(bad, _attempt(), reruns=[bad, good]) == "race"
    other = Execution(1, tests=(TestOutcome("t::b", "failed", "assert"),))
    assert classify(bad, _attempt(), reruns=[other]) == "race"
    assert classify(bad, _attempt(), reruns=[Execution(-1, infra_error="x")]) == "wrong-answer"


def test_no_code_and_refusal() -> None:
    bad = Execution(1, tests=FAILED)
    assert classify(bad, _attempt({})) == "no-code"
    stub = {"s.py": "def f():\n    raise NotImplementedError\n"}
    assert classify(bad, _attempt(dict(stub)), workspace=stub) == "no-code"
    refused = _attempt({}, transcript="I'm sorry, but I can't help with that.")
    assert classify(bad, refused) == "refusal"
    assert classify(bad, _attempt(dict(stub))) == "wrong-answer"  # no workspace known


def test_infra_wins_over_everything() -> None:
    e = Execution(1, tests=FAILED, infra_error="sandbox died")
    assert classify(e) == "infra"
    a = Attempt("t", "sim", "v", 0, {}, infra_error="429")
    assert classify(Execution(1, tests=FAILED), a) == "infra"
