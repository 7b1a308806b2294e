"""Warm Python slots: attempt N+1 sees nothing attempt N left, served by the same zygote."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from codecanary.types import Limits
from sandbox import warm
from sandbox.bwrap import BwrapSandbox

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="warm slots are tested in root mode")

PYTEST = ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]
ENV = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}

LEAVE = '''
import builtins, json, os, subprocess, sys, time
import hypothesis
import pytest

def test_leave_everything_behind():
    for path in ("/tmp/left", "left.txt", "/dev/shm/left"):
        with open(path, "w") as fh:
            fh.write("attempt N")
    for path in ("/dev/left", "/etc/left", "/usr/left", "/left"):
        try:
            open(path, "w").close()
        except OSError:
            pass
    if os.fork() == 0:  # a daemon that would outlive the attempt
        os.setsid()
        if os.fork() == 0:
            os.closerange(0, 3)
            time.sleep(600)
        os._exit(0)
    os.environ["LEFT_ENV"] = "attempt N"
    os.putenv("LEFT_PUTENV", "attempt N")
    json.LEFT = "attempt N"
    pytest.LEFT = "attempt N"
    builtins.LEFT = "attempt N"
    sys.modules["left_module"] = json
    sys.path.append("/left")
    hypothesis.settings.register_profile("left", max_examples=1)
    hypothesis.settings.load_profile("left")
    # what attempt N+1 checks really was there
    assert open("/tmp/left").read() == "attempt N" and json.LEFT == "attempt N"
    print("LEFT", os.getpid(), sep="=")
'''

CHECK = '''
import builtins, json, os, sys
import hypothesis
import pytest

def test_sees_nothing_of_attempt_n():
    found = [p for p in ("/tmp/left", "left.txt", "/dev/shm/left", "/dev/left",
                         "tests/test_leave.py") if os.path.exists(p)]
    procs = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                procs[pid] = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\\0", b" ")
            except OSError:
                pass
    found += [f"process {p}: {c!r}" for p, c in procs.items() if b"sleep" in c or p not in (
        "1", str(os.getpid()))]
    found += [k for k in ("LEFT_ENV", "LEFT_PUTENV") if k in os.environ]
    found += [f"{m.__name__}.LEFT" for m in (json, pytest, builtins) if hasattr(m, "LEFT")]
    found += ["left_module"] if "left_module" in sys.modules else []
    found += ["/left"] if "/left" in sys.path else []
    found += ["profile"] if hypothesis.settings().max_examples == 1 else []
    assert found == []
    print("CLEAN")
'''


@pytest.fixture()
def box() -> Iterator[BwrapSandbox]:
    """A bwrap sandbox with one warm slot, so consecutive attempts share the zygote."""
    sandbox = BwrapSandbox(slots=2, uid_base=61950, cgroup_parent="codecanary-warm-test")
    yield sandbox
    warm.close_all()


def test_attempt_n_plus_one_sees_nothing_of_attempt_n(box: BwrapSandbox) -> None:
    limits = Limits(time_s=30)
    first = box.run({"tests/test_leave.py": LEAVE}, [*PYTEST, "-s"], limits, env=ENV)
    assert first.exit_code == 0 and "LEFT=" in first.stdout, first
    second = box.run({"tests/test_check.py": CHECK}, [*PYTEST, "-s"], limits, env=ENV)
    assert second.exit_code == 0 and "CLEAN" in second.stdout, second.stdout + second.stderr
    pool = warm.pool_for(box)
    assert len(pool.idle) == 1 and pool.idle[0].served == 2  # one zygote served both


def test_warm_output_matches_a_cold_run(box: BwrapSandbox) -> None:
    files = {"tests/test_t.py": "import sys\n\ndef test_t():\n    print(sys.argv[0])\n"
                                "    assert 1 == 2\n",
             "show.py": "import os, sys\nprint(sys.argv[1:], sorted(os.environ), os.getcwd(),"
                        " os.getuid() >= 61950)\nsys.exit(4)\n"}
    limits = Limits(time_s=30)
    cold = BwrapSandbox(slots=2, uid_base=61950, cgroup_parent="codecanary-warm-test",
                        warm=False)
    for command in (["python3", "show.py", "a", "b"], [*PYTEST, "-p", "no:randomly"]):
        w, c = box.run(files, command, limits, env=ENV), cold.run(files, command, limits, env=ENV)
        assert (w.exit_code, w.verdict) == (c.exit_code, c.verdict), (w, c)
        assert w.stdout.split("in 0.")[0] == c.stdout.split("in 0.")[0]
    assert warm.pool_for(box).idle[0].served == 2


def test_a_dead_zygote_costs_one_cold_run_not_a_verdict(box: BwrapSandbox) -> None:
    limits = Limits(time_s=30)
    first = box.run({"a.py": "print('one')"}, ["python3", "a.py"], limits)
    slot = warm.pool_for(box).idle[0]
    os.killpg(slot.proc.pid, signal.SIGKILL)
    slot.proc.wait()
    again = box.run({"a.py": "print('two')"}, ["python3", "a.py"], limits)
    assert (first.stdout, again.stdout, again.verdict) == ("one\n", "two\n", "ok")
    third = box.run({"a.py": "import json; print(json.dumps(1))"}, ["python3", "a.py"], limits)
    assert third.stdout == "1\n" and warm.pool_for(box).idle[0].served == 1  # a new zygote


def test_collected_files_and_limits_hold_warm(box: BwrapSandbox) -> None:
    code = ("import os\nos.makedirs('.cc', exist_ok=True)\nopen('.cc/r.json', 'w').write('[1]')\n"
            "os.symlink('/etc/passwd', 'link.txt')\nprint('x' * 5000)\n")
    e = box.run({"a.py": code}, ["python3", "a.py"], Limits(time_s=30, output_bytes=1000),
                collect=[".cc/r.json", "link.txt"])
    assert e.verdict == "output-limit", e
    ok = box.run({"a.py": code.replace("5000", "5")}, ["python3", "a.py"], Limits(time_s=30),
                 collect=[".cc/r.json", "link.txt"])
    assert ok.verdict == "ok" and json.loads(ok.artifacts[".cc/r.json"]) == [1]
    assert "link.txt" not in ok.artifacts
    slow = box.run({"a.py": "import time\ntime.sleep(30)"}, ["python3", "a.py"],
                   Limits(time_s=1.5))
    assert slow.verdict == "timeout" and slow.duration_s < 10, slow


def test_a_toolchain_below_tmp_stays_visible_under_the_fresh_tmp(tmp_path: Path) -> None:
    """A checkout under /tmp binds its toolchains (.venv-sandbox) below /tmp: the
    attempt's fresh /tmp must not hide them."""
    tool = tmp_path / "toolchain"
    tool.mkdir()
    (tool / "VERSION").write_text("42")
    box = BwrapSandbox(extra_paths=[str(tool)], slots=2, uid_base=61960,
                       cgroup_parent="codecanary-warm-test")
    try:
        code = (f"print(open('{tool}/VERSION').read()); open('/tmp/x', 'w').write('1');\n"
                f"try:\n    open('{tool}/new', 'w')\nexcept OSError as e:\n    print(e.errno)")
        e = box.run({}, ["python3", "-c", code], Limits(time_s=20))
        assert (e.exit_code, e.stdout) == (0, "42\n30\n"), e  # 30: EROFS, still read-only
        assert warm.pool_for(box).idle[0].served == 1
    finally:
        warm.close_all()
