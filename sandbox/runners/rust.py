"""Rust runner: rustc --test on a crate root mounting the entry point and the tests."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from codecanary.registry import register
from codecanary.types import Execution, Files, Task, TestOutcome
from sandbox.runners.base import Plan, overlay, test_files
from sandbox.toolchains import rustc_path

RUST_ROOT = """\
#![allow(dead_code, unused_imports, unused_variables)]
#[path = "{entry}"] pub mod solution;
#[cfg(test)] #[path = "tests/tests.rs"] mod tests;
"""
COMPILE_FAILED = 97
_RUST_TEST = re.compile(r"^test (\S+) \.\.\. (ok|FAILED|ignored)", re.MULTILINE)
_RUST_STDOUT = re.compile(r"^---- (\S+) stdout ----\n(.*?)(?=^---- |\Z|^failures:)", re.M | re.S)


@register("runner", "rust")
class RustRunner:
    """rustc --test on a crate root that mounts the entry point and the tests."""

    edition = "2021"

    def plan(self, task: Task, candidate: Files) -> Plan:
        """Compile with JSON diagnostics to .cc/rustc.json, then run the test binary."""
        rustc = rustc_path() or "rustc"
        root = RUST_ROOT.format(entry=task.entry_point)
        files = overlay(task.workspace, candidate, test_files(task), {"cc_root.rs": root})
        script = (
            f"mkdir -p .cc && {rustc} --edition {self.edition} --test -C debuginfo=0 "
            f"--error-format=json -o .cc/t cc_root.rs 2> .cc/rustc.json "
            f"|| exit {COMPILE_FAILED}; exec ./.cc/t --test-threads=2"
        )
        return Plan(files, ["/bin/sh", "-c", script], [".cc/rustc.json"])

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
        return replace(execution, tests=tests)


