"""Python runner: pytest + hypothesis, per-test outcomes from JUnit XML."""

from __future__ import annotations

import time
from dataclasses import replace

from codecanary.failures import STACK_DUMP_CONFTEST, STACKS_FILE, stack_dump_after
from codecanary.registry import register
from codecanary.types import Execution, Files, Task
from sandbox.runners.base import Plan, overlay, parse_junit, test_files
from sandbox.toolchains import python_executable

PY_CONFTEST = '''\
from hypothesis import HealthCheck, settings

settings.register_profile(
    "codecanary", deadline=None, database=None, print_blob=False,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("codecanary")
'''


@register("runner", "python")
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
