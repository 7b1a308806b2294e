"""Rust checks: textual lints on the source, and clippy run inside the sandbox.

Textual checks work on the source with comments and string contents blanked
(offsets kept), so that ``"unwrap()"`` in a string is not a finding. They catch
what the weakness areas care about: ``unwrap``/``expect`` on a value that may
be absent, ``unsafe``, a clone that is borrowed right away, an atomic read
followed by a store (a split read-modify-write).

clippy compiles the code, and compiling is running untrusted code (build
scripts and proc macros aside, rustc itself is a large attack surface), so it
only ever runs through the injected sandbox: ``clippy-driver`` on a small crate
root mounting the answer, JSON diagnostics collected from the work directory.
A borrow-checker error found this way is a finding too.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator

from codecanary.types import Files, Finding, Limits
from reviewers.base import SandboxLike
from reviewers.failures import borrow_codes

_COMMENT_OR_STRING = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\])*"', re.S)
_UNWRAP = re.compile(r"\.(unwrap|expect)\s*\(")
_FINE_UNWRAP = re.compile(r"\.(lock|join|read|write|into_inner|recv|send)\(\s*\)\s*$")
_SPLIT_ATOMIC = re.compile(
    r"(?P<r>[\w.:\[\]]+)\.store\(\s*(?P=r)\.load\(|let\s+(?P<v>\w+)\s*=\s*(?P<r2>[\w.:\[\]]+)"
    r"\.load\([^;]*;\s*(?P=r2)\.store\(\s*(?P=v)\b")

CLIPPY_LINTS: dict[str, tuple[str, str]] = {
    "unwrap_used": ("null-handling", "warning"),
    "expect_used": ("null-handling", "info"),
    "option_map_unit_fn": ("null-handling", "info"),
    "redundant_clone": ("performance", "info"),
    "clone_on_copy": ("performance", "info"),
    "unnecessary_to_owned": ("performance", "info"),
    "mutex_atomic": ("concurrency", "info"),
    "await_holding_lock": ("concurrency", "warning"),
    "indexing_slicing": ("boundaries", "info"),
    "needless_range_loop": ("boundaries", "info"),
    "undocumented_unsafe_blocks": ("security", "warning"),
    "mut_from_ref": ("borrow-checking", "error"),
    "let_underscore_must_use": ("error-handling", "warning"),
}
"""clippy lint -> (category, severity); other lints are style/info."""

CLIPPY_FLAGS = ("-W", "clippy::unwrap_used", "-W", "clippy::expect_used",
                "-W", "clippy::redundant_clone", "-W", "clippy::undocumented_unsafe_blocks")


def blank(source: str) -> str:
    """``source`` with comments and string contents replaced by spaces (same offsets)."""
    def keep_lines(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group())
    return _COMMENT_OR_STRING.sub(keep_lines, source)


def _line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def textual(source: str, path: str) -> Iterator[Finding]:
    """unwrap/expect, unsafe, borrowed clones and split atomics, at ``path:line``."""
    text = blank(source)
    for m in _UNWRAP.finditer(text):
        if _FINE_UNWRAP.search(text[max(0, m.start() - 40):m.start()]):
            continue  # a poisoned lock or a panicked thread is a bug anyway
        yield Finding("null-handling", "warning" if m.group(1) == "unwrap" else "info",
                      f"{path}:{_line(text, m.start())}",
                      f".{m.group(1)}() panics when the value is None/Err; handle that case")
    for m in re.finditer(r"\bunsafe\b", text):
        yield Finding("security", "warning", f"{path}:{_line(text, m.start())}",
                      "unsafe code: the compiler no longer checks memory safety here")
    for m in re.finditer(r"&\s*[\w.]+\.clone\(\)", text):
        yield Finding("performance", "info", f"{path}:{_line(text, m.start())}",
                      "needless clone: the value is cloned only to be borrowed")
    for m in _SPLIT_ATOMIC.finditer(text):
        yield Finding("concurrency", "error", f"{path}:{_line(text, m.start())}",
                      "atomic load followed by a store of the same value is not atomic: "
                      "concurrent updates are lost; use fetch_add/fetch_update")


@functools.cache
def clippy_driver() -> str | None:
    """The real clippy-driver binary of the active toolchain (not the rustup proxy)."""
    rustup = shutil.which("rustup") or os.path.expanduser("~/.cargo/bin/rustup")
    if os.path.exists(rustup):
        try:
            out = subprocess.run([rustup, "which", "clippy-driver"], capture_output=True,
                                 text=True, timeout=30, check=True).stdout.strip()
            if out:
                return os.path.realpath(out)
        except (OSError, subprocess.SubprocessError):
            pass
    found = shutil.which("clippy-driver")
    return os.path.realpath(found) if found else None


def _diag_location(diag: dict[str, object], fallback: str) -> str:
    spans = diag.get("spans")
    if isinstance(spans, list):
        for span in spans:
            if isinstance(span, dict) and span.get("is_primary"):
                return f"{span.get('file_name')}:{span.get('line_start')}"
    return fallback


def clippy(sandbox: SandboxLike, files: Files, entry: str,
           driver: str | None = None) -> tuple[list[Finding], str | None]:
    """clippy's findings on ``files`` (crate root mounting ``entry``), run in ``sandbox``.

    Returns (findings, None), or ([], reason) when clippy could not run.
    """
    driver = driver or clippy_driver()
    if driver is None:
        return [], "clippy-driver not found; install it with `rustup component add clippy`"
    rs = {k: v for k, v in files.items() if k.endswith(".rs")}
    root = f'#[path = "{entry}"] pub mod solution;\n'
    cmd = ["/bin/sh", "-c", f"mkdir -p .cc && {driver} --edition 2021 --crate-type lib "
           "--emit=metadata -o .cc/out.rmeta --error-format=json --cap-lints warn "
           + " ".join(CLIPPY_FLAGS) + " cc_review_root.rs 2> .cc/clippy.json; exit 0"]
    e = sandbox.run({**rs, "cc_review_root.rs": root}, cmd, Limits(time_s=60, memory_mb=1024),
                    collect=[".cc/clippy.json"])
    if e.infra_error or e.verdict != "ok":
        return [], f"clippy did not finish: {e.infra_error or e.verdict}"
    findings: list[Finding] = []
    for line in e.artifacts.get(".cc/clippy.json", "").splitlines():
        try:
            diag = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(diag, dict) or diag.get("level") not in ("warning", "error"):
            continue
        code = (diag.get("code") or {}).get("code") or ""
        loc = _diag_location(diag, entry)
        if loc.startswith("cc_review_root.rs"):
            continue
        message = str(diag.get("message", ""))
        if code.startswith("clippy::"):
            category, severity = CLIPPY_LINTS.get(code.removeprefix("clippy::"),
                                                  ("style", "info"))
        elif diag["level"] == "error":
            category = "borrow-checking" if code in borrow_codes() else "correctness"
            severity = "error"
            message = f"does not compile ({code or 'error'}): {message}"
        else:
            category, severity = "style", "info"
        findings.append(Finding(category, severity, loc,  # type: ignore[arg-type]
                                f"{code + ': ' if code else ''}{message}"[:500]))
    return findings, None
