"""Sandbox overhead: the same workloads bare and sandboxed, measured side by side.

Each round runs the bare and the sandboxed variant back to back (alternating,
so both see the same machine load); the median of the rounds is printed with
the ratio sandboxed/bare and the absolute difference. Workloads:

- ``python3 -c pass`` with the real interpreter (not a pyenv shim);
- compiling and running a Rust hello world (rustc, then the binary);
- a small pytest + hypothesis test file (the venv's pytest);
- with a registered and reachable ``docker`` backend: a cold run (first use,
  container start) against a warm exec into the reused container.

Usage: ``python bench/sandbox_overhead.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from codecanary.registry import get, names
from codecanary.types import Limits
from sandbox.bwrap import BwrapSandbox
from sandbox.toolchains import python_executable, rustc_path

REAL_PY = os.path.realpath(sys.executable)  # the interpreter itself, not a shim or venv link
HELLO_RS = 'fn main() { println!("hello"); }\n'
PYTEST_FILE = """\
from hypothesis import given, settings, strategies as st


@settings(max_examples=50, deadline=None, database=None)
@given(st.lists(st.integers()))
def test_sorted_is_idempotent(xs):
    assert sorted(sorted(xs)) == sorted(xs)


def test_plain():
    assert 1 + 1 == 2
"""
LIMITS = Limits(time_s=120, memory_mb=1024)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def side_by_side(label: str, bare: Callable[[], object], boxed: Callable[[], object],
                 rounds: int) -> None:
    bare(), boxed()  # warm caches (page cache, rustc's first start)
    b, s = [], []
    for _ in range(rounds):
        b.append(timed(bare))
        s.append(timed(boxed))
    mb, ms = statistics.median(b), statistics.median(s)
    print(f"{label:<34} bare {mb * 1000:8.1f} ms   sandboxed {ms * 1000:8.1f} ms   "
          f"ratio {ms / mb:5.2f}   +{(ms - mb) * 1000:7.1f} ms")


def check(ok: bool, what: str) -> None:
    if not ok:
        raise SystemExit(f"benchmark workload failed: {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    box = BwrapSandbox()
    mode = "root: uid switch, cgroups, private mounts" if os.geteuid() == 0 else "unprivileged"
    print(f"bwrap sandbox ({mode}); {args.rounds} rounds, medians\n")

    def bare_py() -> None:
        check(subprocess.run([REAL_PY, "-c", "pass"]).returncode == 0, "python")

    def boxed_py() -> None:
        check(box.run({}, [REAL_PY, "-c", "pass"], LIMITS).exit_code == 0, "boxed python")

    side_by_side("python3 -c pass", bare_py, boxed_py, args.rounds)

    with tempfile.TemporaryDirectory() as tmp:
        rustc = rustc_path() or "rustc"
        Path(tmp, "hello.rs").write_text(HELLO_RS)
        Path(tmp, "test_small.py").write_text(PYTEST_FILE)
        rust_cmd = f"{rustc} --edition 2021 -o prog hello.rs && ./prog"

        def bare_rust() -> None:
            check(subprocess.run(["/bin/sh", "-c", rust_cmd], cwd=tmp, capture_output=True)
                  .returncode == 0, "rust")

        def boxed_rust() -> None:
            e = box.run({"hello.rs": HELLO_RS}, ["/bin/sh", "-c", rust_cmd], LIMITS)
            check(e.exit_code == 0 and e.stdout == "hello\n", f"boxed rust {e.stderr}")

        side_by_side("rustc + run hello", bare_rust, boxed_rust, max(3, args.rounds // 3))
        # the sandbox's own Python runtime, bare and boxed (the project's venv is not bound)
        pytest_cmd = [python_executable(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                      "test_small.py"]

        def bare_pytest() -> None:
            check(subprocess.run(pytest_cmd, cwd=tmp, capture_output=True).returncode == 0,
                  "pytest")

        def boxed_pytest() -> None:
            e = box.run({"test_small.py": PYTEST_FILE}, pytest_cmd, LIMITS)
            check(e.exit_code == 0, f"boxed pytest {e.stdout[-500:]}")

        side_by_side("pytest + hypothesis (2 tests)", bare_pytest, boxed_pytest,
                     max(3, args.rounds // 3))
    docker_warm_vs_cold(args.rounds)


def docker_warm_vs_cold(rounds: int) -> None:
    """Cold (first) run against warm execs of the docker backend, when it is reachable."""
    if "docker" not in names("sandbox"):
        print("\ndocker backend: not registered (skipped)")
        return
    try:
        docker = get("sandbox", "docker")()
        cold = timed(lambda: docker.run({}, ["python3", "-c", "pass"], LIMITS))
        warm = statistics.median(
            timed(lambda: docker.run({}, ["python3", "-c", "pass"], LIMITS))
            for _ in range(rounds))
    except Exception as exc:  # no engine: say so, the bwrap figures still stand
        print(f"\ndocker backend: unreachable ({exc}) (skipped)")
        return
    print(f"\ndocker python3 -c pass: cold run {cold * 1000:.1f} ms, warm exec "
          f"{warm * 1000:.1f} ms, ratio cold/warm {cold / warm:.2f}")


if __name__ == "__main__":
    main()
