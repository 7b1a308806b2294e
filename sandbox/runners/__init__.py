"""Language runners: how to test a candidate in a sandbox and read the results back.

A runner turns (task, candidate files) into a work directory and a command,
and reads structured per-test outcomes from what the command leaves. Compile
errors are reported apart from test failures, keeping the compiler's codes.
Each runner module describes its language with a
:class:`codecanary.languages.LanguageSpec` and registers both through
:func:`language_runner` (as ``("runner", language)`` and ``("language", language)``);
a third party's runner module is announced as an entry point of the group
``codecanary.plugins`` and needs no edit here.
"""

from sandbox.runners import cpp, java, javascript, python, rust
from sandbox.runners.base import (
    Plan,
    Runner,
    language_runner,
    overlay,
    reference_files,
    run_tests,
    runner_for,
    test_files,
)

__all__ = ["Plan", "Runner", "cpp", "java", "javascript", "language_runner", "overlay", "python",
           "reference_files", "run_tests", "runner_for", "rust", "test_files"]
