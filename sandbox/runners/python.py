"""Python runner: pytest + hypothesis, per-test outcomes from JUnit XML."""

from __future__ import annotations

import time
from dataclasses import replace

from codecanary.languages import FailurePatterns, LanguageSpec, Toolchain
from codecanary.types import Execution, Files, Task
from sandbox.runners.base import Plan, language_runner, overlay, parse_junit, test_files
from sandbox.runners.watchdog import STACK_DUMP_CONFTEST, STACKS_FILE, stack_dump_after
from sandbox.toolchains import (
    CREATE_SANDBOX_PYTHON,
    SANDBOX_PYTHON_ENV,
    SANDBOX_VENV,
    python_executable,
    python_mounts,
    python_runtime,
)

PY_CONFTEST = '''\
from hypothesis import HealthCheck, settings

settings.register_profile(
    "codecanary", deadline=None, database=None, print_blob=False,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("codecanary")
'''


SPEC = LanguageSpec(
    name="python",
    extensions=("py",),
    fence_tags=("python", "py", "python3"),
    toolchain=Toolchain(
        "python", f"the sandbox's Python runtime, {SANDBOX_VENV} or ${SANDBOX_PYTHON_ENV}",
        python_runtime, CREATE_SANDBOX_PYTHON, r"python3?(\.\d+)?",
        mounts=python_mounts, executables=lambda: (python_executable(),)),
    exec_command=lambda f, _mb: [python_executable(), f],
    image_tools={"python": "python3", "python3": "python3"},
    versioned_tools=((r"python3\.\d+", "python3"),),
    failures=FailurePatterns(null=r"AttributeError: 'NoneType'|TypeError: .*'NoneType'"
                                  r"|TypeError: .*NoneType"),
)
"""Python as it describes itself (see :class:`codecanary.languages.LanguageSpec`)."""


@language_runner(SPEC)
class PythonRunner:
    """pytest + hypothesis, per-test outcomes from JUnit XML."""

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Overlay the candidate on the workspace and run ``pytest tests/``."""
        files = overlay(task.workspace, candidate, test_files(task),
                        {"conftest.py": PY_CONFTEST + STACK_DUMP_CONFTEST})
        cmd = [python_executable(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-o", "junit_family=xunit2", "--junitxml=.cc/junit.xml", "tests"]
        return Plan(files, cmd, [".cc/junit.xml", STACKS_FILE],
                    {"PYTHONDONTWRITEBYTECODE": "1",
                     # plug-ins of the interpreter's environment cost ~2 s of imports a run
                     "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
                     "CC_STACK_DUMP_AFTER": f"{stack_dump_after(task.limits.time_s):.2f}",
                     "CC_RUN_STARTED": f"{time.time():.3f}"})

    def parse(self, execution: Execution) -> Execution:
        """Read per-test outcomes from the JUnit report; no report means nothing ran."""
        tests = parse_junit(execution.artifacts.get(".cc/junit.xml", ""))
        compile_error = "SyntaxError" in execution.stdout and "ERROR collecting" in execution.stdout
        stacks = execution.artifacts.get(STACKS_FILE, "")
        if stacks.strip():  # the conftest's watchdog fired just before the wall-clock kill
            return replace(execution, tests=tests, compile_error=compile_error,
                           verdict="timeout", stderr=execution.stderr[-16000:] + "\n" + stacks)
        return replace(execution, tests=tests, compile_error=compile_error)
