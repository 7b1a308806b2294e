"""The bubblewrap backend's contract on well-behaved programs (hostile ones are in
test_attacks.py): files in and out, an unprivileged uid with no capability, a clean
environment, the toolchains of every language, and the cgroup fallback warning."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from codecanary.types import Limits
from sandbox import cgroups
from sandbox.bwrap import BwrapSandbox
from sandbox.toolchains import gxx_path, java_home, node_path, python_executable, rustc_path

PY = python_executable()  # the sandbox's Python runtime: the project's venv is not bound


def test_runs_and_collects(sandbox: BwrapSandbox) -> None:
    e = sandbox.run({"a.py": "print('hi'); open('sub/out.txt', 'w').write('done')",
                     "sub/in.txt": "x"},
                    [PY, "a.py"], Limits(time_s=20), collect=["sub/out.txt", "missing.txt"])
    assert e.exit_code == 0 and e.stdout == "hi\n" and e.verdict == "ok"
    assert e.artifacts == {"sub/out.txt": "done"}


def test_exit_code_and_stderr_come_back(sandbox: BwrapSandbox) -> None:
    e = sandbox.run({"a.py": "import sys; sys.stderr.write('bad'); sys.exit(3)"},
                    [PY, "a.py"], Limits(time_s=20))
    assert e.exit_code == 3 and e.stderr == "bad" and e.verdict == "ok" and not e.passed


@pytest.mark.skipif(os.geteuid() != 0, reason="the uid switch happens in root mode only")
def test_runs_unprivileged_without_capabilities(sandbox: BwrapSandbox) -> None:
    e = sandbox.run({"a.py": "import os; print(os.getuid(), os.getgroups());"
                             "print(open('/proc/self/status').read())"},
                    [PY, "a.py"], Limits(time_s=20))
    assert e.exit_code == 0, e.stderr
    assert int(e.stdout.split()[0]) >= 61000
    caps = {ln.split(":")[0]: ln.split()[1] for ln in e.stdout.splitlines()
            if ln.startswith("Cap")}
    assert set(caps.values()) == {"0000000000000000"}, caps
    assert "NoNewPrivs:\t1" in e.stdout


def test_environment_is_cleared(sandbox: BwrapSandbox) -> None:
    os.environ["CODECANARY_TEST_SECRET"] = "hunter2"
    try:
        e = sandbox.run({"a.py": "import os; print(sorted(os.environ))"}, [PY, "a.py"],
                        Limits(time_s=20), env={"EXTRA": "1"})
    finally:
        del os.environ["CODECANARY_TEST_SECRET"]
    assert e.exit_code == 0
    assert eval(e.stdout) == ["EXTRA", "HOME", "LANG", "PATH", "PWD", "TMPDIR"]


@pytest.mark.parametrize(("tool", "argv"), [
    (rustc_path, ["rustc", "--version"]), (gxx_path, ["g++", "--version"]),
    (node_path, ["node", "--version"]), (java_home, ["java", "-Xmx64m", "-version"]),
])
def test_toolchains_are_reachable(sandbox: BwrapSandbox, tool: object, argv: list[str]) -> None:
    if tool() is None:  # type: ignore[operator]
        pytest.skip(f"{argv[0]} is not installed")
    e = sandbox.run({}, argv, Limits(time_s=60))
    assert e.exit_code == 0, e.stderr


def test_unwritable_cgroups_degrade_with_a_warning(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    not_a_dir = tmp_path / "cgroup"
    not_a_dir.write_text("")  # mkdir below it fails, even for root
    monkeypatch.setattr(cgroups, "ROOT", not_a_dir)
    monkeypatch.setattr(cgroups, "_warned", False)
    with caplog.at_level(logging.WARNING, logger="sandbox.cgroups"):
        made = cgroups.create(256, 32)
    assert made.dirs == [] and made.memory_dir is None
    assert any("rlimits only" in r.getMessage() for r in caplog.records)
