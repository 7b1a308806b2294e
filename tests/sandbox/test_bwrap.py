"""The bubblewrap sandbox contains network access, writes outside its workdir, endless loops."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from codecanary.types import Limits
from sandbox.bwrap import BwrapSandbox

PY = sys.executable


def test_runs_and_collects(sandbox: BwrapSandbox) -> None:
    e = sandbox.run({"a.py": "print('hi'); open('out.txt', 'w').write('done')"},
                    [PY, "a.py"], Limits(time_s=20), collect=["out.txt"])
    assert e.exit_code == 0 and e.stdout == "hi\n" and e.verdict == "ok"
    assert e.artifacts == {"out.txt": "done"}


def test_runs_unprivileged_with_clean_env(sandbox: BwrapSandbox) -> None:
    os.environ["CODECANARY_TEST_SECRET"] = "hunter2"
    try:
        e = sandbox.run({"a.py": "import os; print(os.getuid()); print(sorted(os.environ))"},
                        [PY, "a.py"], Limits(time_s=20))
    finally:
        del os.environ["CODECANARY_TEST_SECRET"]
    assert e.exit_code == 0
    uid = int(e.stdout.splitlines()[0])
    assert uid != 0 and "CODECANARY_TEST_SECRET" not in e.stdout and "hunter2" not in e.stdout


def test_blocks_network_to_host_loopback(sandbox: BwrapSandbox) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(5)
    port = server.getsockname()[1]
    accepted: list[object] = []

    def accept() -> None:
        try:
            accepted.append(server.accept())
        except OSError:
            pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    code = (
        "import socket\n"
        "s = socket.socket(); s.settimeout(2)\n"
        f"try:\n    s.connect(('127.0.0.1', {port})); print('CONNECTED')\n"
        "except OSError as e:\n    print('BLOCKED', e)\n"
        "print(open('/proc/net/dev').read())\n"
    )
    e = sandbox.run({"net.py": code}, [PY, "net.py"], Limits(time_s=20))
    server.close()
    t.join(6)
    assert "BLOCKED" in e.stdout and "CONNECTED" not in e.stdout
    assert not accepted
    interfaces = [ln.split(":")[0].strip() for ln in e.stdout.splitlines() if ":" in ln]
    assert interfaces == ["lo"]


def test_cannot_write_outside_workdir(sandbox: BwrapSandbox, tmp_path: Path) -> None:
    target = tmp_path / "escape.txt"
    code = (
        "import os\n"
        f"for p in ['/usr/escape.txt', '/etc/escape.txt', {str(target)!r}, '/escape.txt']:\n"
        "    try:\n        open(p, 'w').write('x'); print('WROTE', p)\n"
        "    except OSError as e:\n        print('DENIED', p, e.errno)\n"
    )
    e = sandbox.run({"w.py": code}, [PY, "w.py"], Limits(time_s=20))
    assert "WROTE" not in e.stdout and e.stdout.count("DENIED") == 4
    assert not target.exists() and not Path("/usr/escape.txt").exists()


def test_kills_an_infinite_loop(sandbox: BwrapSandbox) -> None:
    start = time.monotonic()
    e = sandbox.run({"spin.py": "while True:\n    pass\n"}, [PY, "spin.py"], Limits(time_s=2))
    assert e.verdict == "timeout" and not e.passed
    assert time.monotonic() - start < 10
    after = sandbox.run({"ok.py": "print('next run fine')"}, [PY, "ok.py"], Limits(time_s=20))
    assert after.stdout == "next run fine\n"


def test_symlinked_artifact_is_not_followed(sandbox: BwrapSandbox) -> None:
    code = "import os; os.symlink('/etc/passwd', 'out.txt')"
    e = sandbox.run({"l.py": code}, [PY, "l.py"], Limits(time_s=20), collect=["out.txt"])
    assert e.exit_code == 0 and e.artifacts == {}


def test_output_is_capped(sandbox: BwrapSandbox) -> None:
    code = "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n"
    e = sandbox.run({"o.py": code}, [PY, "o.py"], Limits(time_s=20, output_bytes=100_000))
    assert e.verdict == "output-limit" and len(e.stdout) < 200_000


@pytest.mark.skipif(os.geteuid() != 0, reason="memory cgroup needs root")
def test_memory_limit(sandbox: BwrapSandbox) -> None:
    code = "blocks = []\nwhile True:\n    blocks.append(bytearray(16 << 20))\n"
    e = sandbox.run({"m.py": code}, [PY, "m.py"], Limits(time_s=30, memory_mb=256))
    assert not e.passed and e.verdict in ("memory", "killed") or "MemoryError" in e.stderr
