"""Rust runner: rustc --test on a crate root mounting the entry point and the tests."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from codecanary.languages import FailurePatterns, LanguageSpec, Toolchain
from codecanary.types import Execution, Files, Task, TestOutcome
from sandbox import differential
from sandbox.runners.base import (
    COMPILE_FAILED,
    Plan,
    compile_step,
    compile_then_run,
    language_runner,
    overlay,
    test_files,
    then_differential,
)
from sandbox.toolchains import install_root, rustc_path

RUST_ROOT = """\
#![allow(dead_code, unused_imports, unused_variables)]
#[path = "{entry}"] pub mod solution;
"""
RUST_TESTS = '#[cfg(test)] #[path = "tests/tests.rs"] mod tests;\n'
RUST_DRIVER = '#[path = "tests/driver.rs"] mod driver;\nfn main() { driver::main() }\n'
EDITIONS = ("2015", "2018", "2021", "2024")
_EDITION = re.compile(r"^\s*//\s*edition:\s*(\d{4})\s*$", re.M)
_RUST_TEST = re.compile(r"^test (\S+) \.\.\. (ok|FAILED|ignored)", re.MULTILINE)
_RUST_STDOUT = re.compile(r"^---- (\S+) stdout ----\n(.*?)(?=^---- |\Z|^failures:)", re.M | re.S)


BORROW_CODES = frozenset({"E0499", "E0502", "E0382", "E0505", "E0506", "E0507", "E0597",
                          "E0716", "E0384", "E0596", "E0373", "E0503", "E0381", "E0713"})
"""rustc's ownership and borrowing error codes: a failure class of their own."""
TYPE_CODES = frozenset({"E0308", "E0277", "E0599", "E0061", "E0369", "E0614", "E0608",
                        "E0282", "E0283", "E0560", "E0609", "E0631"})
"""rustc's type error codes."""

SPEC = LanguageSpec(
    name="rust",
    extensions=("rs",),
    fence_tags=("rust", "rs"),
    toolchain=Toolchain(
        "rustc", "the Rust toolchain", rustc_path,
        "`apt-get install rustc` or `rustup toolchain install stable`", r"rustc",
        mounts=lambda: install_root(rustc_path()),
        executables=lambda: tuple(filter(None, [rustc_path()]))),
    exec_command=lambda f, _mb: [
        *compile_then_run(f"{rustc_path() or 'rustc'} --edition 2021"), f],
    image_tools={"rustc": "rustc"},
    driver="driver.rs",
    failures=FailurePatterns(null=r"called `Option::unwrap\(\)` on a `None` value",
                             borrow_codes=BORROW_CODES, type_codes=TYPE_CODES),
)
"""Rust as it describes itself (see :class:`codecanary.languages.LanguageSpec`)."""


@language_runner(SPEC)
class RustRunner:
    """rustc --test on a crate root that mounts the entry point and the tests.

    The edition is 2021 unless ``tests/tests.rs`` has a line ``// edition: 2024``.
    """

    default_edition = "2021"

    def edition(self, task: Task) -> str:
        """The task's Rust edition (from a ``// edition: NNNN`` line in the tests)."""
        m = _EDITION.search(task.tests.get("tests.rs", ""))
        return m.group(1) if m and m.group(1) in EDITIONS else self.default_edition

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Compile with JSON diagnostics to .cc/rustc.json, then run the test binary."""
        rustc = rustc_path() or "rustc"
        edition = self.edition(task)
        root = RUST_ROOT.format(entry=task.entry_point)
        diff = differential.step(
            task, {"cc_driver.rs": root + RUST_DRIVER},
            f"mkdir -p .cc && {rustc} --edition {edition} -C opt-level=1 -C debuginfo=0 "
            "-o .cc/drv cc_driver.rs", ["./.cc/drv"])
        if "tests.rs" in task.tests:
            root += RUST_TESTS
        files = overlay(task.workspace, candidate, test_files(task), {"cc_root.rs": root},
                        diff.files if diff else {})
        script = (
            "mkdir -p .cc && "
            + compile_step(f"{rustc} --edition {edition} --test -C debuginfo=0 "
                           "--error-format=json -o .cc/t cc_root.rs", ".cc/rustc.json")
            + "; "
            + then_differential("./.cc/t --test-threads=2", diff.command if diff else None)
        )
        return Plan(files, ["/bin/sh", "-c", script], [".cc/rustc.json", differential.RESULTS])

    def parse(self, execution: Execution) -> Execution:
        """Compiler diagnostics (with E-codes) or libtest's per-test lines."""
        if execution.exit_code == COMPILE_FAILED and execution.verdict == "ok":
            codes: list[str] = []
            messages: list[str] = []
            for line in execution.artifacts.get(".cc/rustc.json", "").splitlines():
                try:
                    diag = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if diag.get("level") == "error":
                    code = (diag.get("code") or {}).get("code")
                    if code:
                        codes.append(code)
                    messages.append(diag.get("rendered") or diag.get("message", ""))
            return replace(
                execution, compile_error=True, diagnostics=tuple(dict.fromkeys(codes)),
                stderr=("\n".join(messages) or execution.stderr)[:20000],
            )
        details = {m.group(1): m.group(2).strip() for m in _RUST_STDOUT.finditer(execution.stdout)}
        tests = tuple(
            TestOutcome(
                name,
                {"ok": "passed", "FAILED": "failed", "ignored": "skipped"}[status],  # type: ignore[arg-type]
                details.get(name, "")[:4000],
            )
            for name, status in _RUST_TEST.findall(execution.stdout)
        )
        return replace(execution, tests=tests + differential.outcomes(execution.artifacts))


