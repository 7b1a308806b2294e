"""Python runner: pytest + hypothesis, per-test outcomes from JUnit XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from codecanary.registry import register
from codecanary.types import Execution, Files, Task, TestOutcome
from sandbox.runners.base import Plan, overlay, test_files
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
        files = overlay(task.workspace, candidate, test_files(task), {"conftest.py": PY_CONFTEST})
        cmd = [python_executable(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-o", "junit_family=xunit2", "--junitxml=.cc/junit.xml", "tests"]
        return Plan(files, cmd, [".cc/junit.xml"], {"PYTHONDONTWRITEBYTECODE": "1"})

    def parse(self, execution: Execution) -> Execution:
        """Read per-test outcomes from the JUnit report; no report means nothing ran."""
        xml = execution.artifacts.get(".cc/junit.xml", "")
        tests: list[TestOutcome] = []
        try:
            root = ET.fromstring(xml) if xml else None
        except ET.ParseError:
            root = None
        if root is not None:
            for case in root.iter("testcase"):
                name = f"{case.get('classname', '')}::{case.get('name', '')}".strip(":")
                outcome = "passed"
                message = ""
                for child in case:
                    if child.tag in ("failure", "error", "skipped"):
                        outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[
                            child.tag]
                        message = (child.get("message") or "") + "\n" + (child.text or "")
                tests.append(TestOutcome(name, outcome, message.strip()[:4000]))  # type: ignore[arg-type]
        compile_error = "SyntaxError" in execution.stdout and "ERROR collecting" in execution.stdout
        return replace(execution, tests=tuple(tests), compile_error=compile_error)


