"""C++ runner: g++ -std=c++20 on one translation unit, per-test outcomes from the
shipped harness (``cc_test.hpp``), compiler errors reported apart."""

from __future__ import annotations

import re
from dataclasses import replace

from codecanary.languages import LanguageSpec, Toolchain
from codecanary.types import Execution, Files, Task
from sandbox import differential
from sandbox.runners import harness
from sandbox.runners.base import (
    COMPILE_FAILED,
    Plan,
    compile_step,
    compile_then_run,
    language_runner,
    overlay,
    parse_result_lines,
    test_files,
    then_differential,
)
from sandbox.toolchains import gxx_path, install_root

GXX_FLAGS = "-std=c++20 -O1 -pipe -fdiagnostics-plain-output -fno-diagnostics-color"
_ERROR = re.compile(r"^(\S+?):(\d+):(?:\d+:)? (?:fatal )?error: (.*)$", re.M)


def compile_errors(text: str) -> list[str]:
    """g++'s ``file:line: error: message`` lines (g++ has no error codes)."""
    return [f"{m.group(1)}:{m.group(2)}: {m.group(3)}" for m in _ERROR.finditer(text)]


SPEC = LanguageSpec(
    name="cpp",
    extensions=("cpp", "cc", "hpp", "h"),
    fence_tags=("cpp", "c++", "cc"),
    toolchain=Toolchain(
        "g++", "the C++ toolchain", gxx_path, "`apt-get install g++`",
        r"([\w-]+-)?[gc]\+\+(-\d+)?",
        mounts=lambda: install_root(gxx_path()),
        executables=lambda: tuple(filter(None, [gxx_path()]))),
    exec_command=lambda f, _mb: [*compile_then_run(f"{gxx_path() or 'g++'} {GXX_FLAGS}"), f],
    image_tools={"g++": "g++", "c++": "g++"},
    versioned_tools=((r"([\w-]+-)?g\+\+(-\d+)?", "g++"),),
    driver="driver.cpp",
)
"""C++ as it describes itself (see :class:`codecanary.languages.LanguageSpec`)."""


@language_runner(SPEC)
class CppRunner:
    """Includes the entry point, the harness and every ``tests/*.cpp`` in one file."""

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Compile ``cc_main.cpp`` to ``.cc/t`` and run it, results to ``.cc/results.tsv``."""
        gxx = gxx_path() or "g++"
        tests = sorted(n for n in task.tests
                       if n.endswith((".cpp", ".cc")) and n != SPEC.driver)
        main = "".join([
            f'#include "{task.entry_point}"\n', '#include "cc_test.hpp"\n',
            *(f'#include "tests/{n}"\n' for n in tests),
            "int main(int argc, char** argv) { return cc_test::run_all(argc > 1 ? argv[1] : "
            '".cc/results.tsv"); }\n',
        ])
        driver = f'#include "{task.entry_point}"\n#include "tests/driver.cpp"\n'
        diff = differential.step(
            task, {"cc_driver.cpp": driver},
            f"mkdir -p .cc && {gxx} {GXX_FLAGS} -o .cc/drv cc_driver.cpp", ["./.cc/drv"])
        files = overlay(task.workspace, candidate, test_files(task),
                        {"cc_test.hpp": harness.read("cc_test.hpp"), "cc_main.cpp": main},
                        diff.files if diff else {})
        script = ("mkdir -p .cc && "
                  + compile_step(f"{gxx} {GXX_FLAGS} -o .cc/t cc_main.cpp", ".cc/compile.txt")
                  + "; "
                  + then_differential("./.cc/t .cc/results.tsv", diff.command if diff else None))
        return Plan(files, ["/bin/sh", "-c", script],
                    [".cc/compile.txt", ".cc/results.tsv", differential.RESULTS])

    def parse(self, execution: Execution) -> Execution:
        """Compiler errors, or the harness's per-test lines."""
        if execution.exit_code == COMPILE_FAILED and execution.verdict == "ok":
            text = execution.artifacts.get(".cc/compile.txt", "")
            return replace(execution, compile_error=True,
                           stderr=("\n".join(compile_errors(text)) + "\n\n" + text)[:20000])
        return replace(execution, tests=parse_result_lines(
            execution.artifacts.get(".cc/results.tsv", ""))
            + differential.outcomes(execution.artifacts))
