"""Language runners: how to test a candidate in a sandbox and read the results back.

A runner turns (task, candidate files) into a work directory and a command,
and reads structured per-test outcomes from what the command leaves. Compile
errors are reported apart from test failures, keeping the compiler's codes.
Runners register as ``("runner", language)``, one module per language.
"""

from sandbox.runners import cpp, java, javascript, python, rust
from sandbox.runners.base import (
    Plan,
    Runner,
    overlay,
    reference_files,
    run_tests,
    runner_for,
    test_files,
)

__all__ = ["Plan", "Runner", "cpp", "java", "javascript", "overlay", "python", "reference_files",
           "run_tests", "runner_for", "rust", "test_files"]
