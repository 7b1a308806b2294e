"""The ``shell`` language: its spec and its runner.

A task's entry point is a POSIX sh script defining functions; each ``tests/*.sh``
sources it and prints one tab-separated line per event in the format of
:func:`sandbox.runners.base.parse_result_lines` (``start<TAB>name``, then
``passed|failed<TAB>name<TAB>message``). ``sh -n`` on the entry point is the
compile step.
"""

from __future__ import annotations

import shlex
import shutil
from dataclasses import replace

from codecanary.languages import LanguageSpec, Toolchain
from codecanary.types import Execution, Files, Task
from sandbox.runners.base import (
    COMPILE_FAILED,
    Plan,
    compile_step,
    language_runner,
    overlay,
    parse_result_lines,
    test_files,
)

RESULTS = ".cc/results.tsv"

SPEC = LanguageSpec(
    name="shell",
    extensions=("sh",),
    fence_tags=("sh", "shell"),
    toolchain=Toolchain("sh", "a POSIX shell", lambda: shutil.which("sh"),
                        "`apt-get install dash`", r"(da|ba)?sh"),
    exec_command=lambda f, _mb: ["/bin/sh", f],
    image_tools={"sh": "sh"},
)


@language_runner(SPEC)
class ShellRunner:
    """``sh -n`` the entry point, then run every ``tests/*.sh`` with ``sh``."""

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Check the syntax, then run the test scripts, results to :data:`RESULTS`."""
        tests = sorted(f"tests/{n}" for n in task.tests if n.endswith(".sh"))
        run = " ".join(f"sh {shlex.quote(t)} >> {RESULTS} || rc=1;" for t in tests)
        script = ("mkdir -p .cc && : > " + RESULTS + " && "
                  + compile_step(f"sh -n {shlex.quote(task.entry_point)}", ".cc/compile.txt")
                  + f"; rc=0; {run} exit $rc")
        files = overlay(task.workspace, candidate, test_files(task))
        return Plan(files, ["/bin/sh", "-c", script], [".cc/compile.txt", RESULTS])

    def parse(self, execution: Execution) -> Execution:
        """The shell's syntax error, or the test scripts' per-test lines."""
        if execution.exit_code == COMPILE_FAILED and execution.verdict == "ok":
            return replace(execution, compile_error=True,
                           stderr=execution.artifacts.get(".cc/compile.txt", "")[:20000])
        return replace(execution, tests=parse_result_lines(execution.artifacts.get(RESULTS, "")))
