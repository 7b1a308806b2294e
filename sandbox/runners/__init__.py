"""Language runners: how to test a candidate in a sandbox and read the results back.

A runner turns (task, candidate files) into a work directory and a command,
and reads structured per-test outcomes from what the command leaves. Compile
errors are reported apart from test failures, keeping the compiler's codes.
Each runner module describes its language with a
:class:`codecanary.languages.LanguageSpec` and registers both through
:func:`language_runner` (as ``("runner", language)`` and ``("language", language)``).
Importing this package imports every module in it, so a new runner module here
needs no edit elsewhere; a third party's is announced as an entry point of the
group ``codecanary.plugins``.
"""

from codecanary.registry import import_submodules
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

import_submodules(__name__)  # every runner module here registers its language; no list to edit

__all__ = ["Plan", "Runner", "language_runner", "overlay", "reference_files", "run_tests",
           "runner_for", "test_files"]
