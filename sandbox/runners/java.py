"""Java runner: javac (with raw diagnostics, whose keys are its error codes), then the
shipped ``CcRunner`` runs every ``public static void test*()`` of the test classes."""

from __future__ import annotations

import re
import shlex
from dataclasses import replace

from codecanary.languages import FailurePatterns, LanguageSpec, Toolchain
from codecanary.types import Execution, Files, Task
from sandbox import differential
from sandbox.runners import harness
from sandbox.runners.base import (
    COMPILE_FAILED,
    Plan,
    compile_step,
    language_runner,
    overlay,
    parse_result_lines,
    test_files,
    then_differential,
)
from sandbox.toolchains import java_home

_DIAG = re.compile(r"^\S+?:\d+:\d+: compiler\.err\.([\w.]+)", re.M)
# A JVM reserves address space far beyond what it uses: keep every pool bounded.
JVM_FLAGS = ("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss8m "
             "-XX:ReservedCodeCacheSize=64m -XX:CompressedClassSpaceSize=64m "
             "-XX:MaxMetaspaceSize=256m")


def jvm_flags(memory_mb: int) -> str:
    """JVM options for a run limited to ``memory_mb`` (heap: half of it)."""
    return f"-Xmx{max(memory_mb // 2, 64)}m {JVM_FLAGS}"


def javac_command(home: str, memory_mb: int) -> str:
    """javac with raw diagnostics (``compiler.err.<key>``) and a bounded JVM."""
    flags = " ".join(f"-J{f}" for f in jvm_flags(min(memory_mb, 768)).split())
    return f"{home}/bin/javac {flags} -XDrawDiagnostics -nowarn -encoding UTF-8"


def _jdk_binaries() -> tuple[str, ...]:
    home = java_home()
    return (f"{home}/bin/java", f"{home}/bin/javac") if home else ()


SPEC = LanguageSpec(
    name="java",
    extensions=("java",),
    fence_tags=("java",),
    toolchain=Toolchain(
        "javac", "the Java toolchain, a JDK", java_home,
        "`apt-get install openjdk-17-jdk-headless`", r"javac?",
        mounts=lambda: tuple(filter(None, [java_home()])), executables=_jdk_binaries),
    # The single-file source launcher: `java Main.java` compiles in memory and runs.
    exec_command=lambda f, mb: [f"{java_home() or '/usr'}/bin/java",
                                *shlex.split(jvm_flags(mb)), f],
    image_tools={"javac": "javac", "java": "java"},
    driver="Driver.java",
    failures=FailurePatterns(null=r"NullPointerException"),
)
"""Java as it describes itself (see :class:`codecanary.languages.LanguageSpec`)."""


@language_runner(SPEC)
class JavaRunner:
    """javac Solution + tests + CcRunner into .cc/classes, then run the ``*Test`` classes."""

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Compile everything in one javac call, then run the test classes."""
        home = java_home() or "/usr"
        mem = task.limits.memory_mb
        sources = sorted({task.entry_point, "CcRunner.java", *(
            f"tests/{n}" for n in task.tests if n.endswith(".java") and n != SPEC.driver)})
        classes = [n.rsplit("/", 1)[-1].removesuffix(".java") for n in sources
                   if n.startswith("tests/") and n.endswith("Test.java")]
        diff = differential.step(
            task, {}, f"mkdir -p .cc/drv && {javac_command(home, mem)} -d .cc/drv "
            f"{shlex.quote(task.entry_point)} tests/Driver.java",
            [f"{home}/bin/java", *jvm_flags(mem // 2).split(), "-cp", ".cc/drv", "Driver"])
        tests_cmd = (f"{home}/bin/java {jvm_flags(mem)} -ea -cp .cc/classes CcRunner "
                     ".cc/results.tsv " + " ".join(classes))
        script = (
            "mkdir -p .cc/classes && "
            + compile_step(f"{javac_command(home, mem)} -d .cc/classes "
                           + " ".join(map(shlex.quote, sources)), ".cc/compile.txt")
            + "; "
            + then_differential(tests_cmd, diff.command if diff else None)
        )
        files = overlay(task.workspace, candidate, test_files(task),
                        {"CcRunner.java": harness.read("CcRunner.java")},
                        diff.files if diff else {})
        return Plan(files, ["/bin/sh", "-c", script],
                    [".cc/compile.txt", ".cc/results.tsv", differential.RESULTS])

    def parse(self, execution: Execution) -> Execution:
        """javac's error keys as diagnostics, or the runner's per-test lines."""
        if execution.exit_code == COMPILE_FAILED and execution.verdict == "ok":
            text = execution.artifacts.get(".cc/compile.txt", "")
            codes = tuple(dict.fromkeys(_DIAG.findall(text)))
            return replace(execution, compile_error=True, diagnostics=codes,
                           stderr=text[:20000] or execution.stderr)
        return replace(execution, tests=parse_result_lines(
            execution.artifacts.get(".cc/results.tsv", ""))
            + differential.outcomes(execution.artifacts))
