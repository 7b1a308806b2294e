"""The test scaffolding every Python concurrency operator shares.

The new tests replace ``f`` by a slow fake that records how many calls overlap
(:data:`SLOW_FAKE`), so a missing lock or an unbounded pool is caught on every
run, not by luck; :func:`header` is the imports those tests start with.
"""

from __future__ import annotations

from generators.mutators.shared.text import indent_body

SLOW_FAKE = '''
class Fake:
    """Stands in for {f}: slow, and records how many calls overlap."""

    def __init__(self, delay=0.02):
        self.delay = delay
        self.lock = threading.Lock()
        self.running = 0
        self.peak = 0
        self.calls = []

    def __call__(self, *args):
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
            self.calls.append(args)
        time.sleep(self.delay)
        with self.lock:
            self.running -= 1
        return ("result", args)
'''


def slow_fake(f: str) -> str:
    """The ``Fake`` class of the tests, standing in for ``f``."""
    return indent_body(SLOW_FAKE.format(f=f))


def header(mod: str, names: str) -> str:
    """Imports of a concurrency test file for ``names`` of module ``mod``."""
    return (f"import sys\nimport threading\nimport time\nfrom unittest import mock\n\n"
            f"import pytest\n\nimport {mod}\nfrom {mod} import {names}\n\n\n")
