"""The attack battery: hostile programs are contained, get the right resource verdict,
leave the host clean, and the next execution is unaffected (checked by the ``hostile``
fixture after every test). Each attack runs in its own pid namespace and pids cgroup,
on every available backend."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox.toolchains import hidden_paths, python_executable
from tests.sandbox.hostile import HostileRunner

ROOT = Path(__file__).resolve().parents[2]


def py(code: str) -> tuple[dict[str, str], list[str]]:
    return {"attack.py": code}, ["python3", "attack.py"]


@contextlib.contextmanager
def listener(family: socket.AddressFamily, host: str) -> Iterator[tuple[int, list[object]]]:
    """A TCP listener on the host's loopback, recording every connection it accepts."""
    server = socket.socket(family, socket.SOCK_STREAM)
    server.bind((host, 0))
    server.listen()
    server.settimeout(0.2)
    accepted: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                accepted.append(server.accept())

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        yield server.getsockname()[1], accepted
    finally:
        stop.set()
        t.join(2)
        server.close()


@pytest.mark.parametrize(("family", "host"), [(socket.AF_INET, "127.0.0.1"),
                                              (socket.AF_INET6, "::1")])
def test_tcp_to_host_loopback_is_blocked(hostile: HostileRunner, family: socket.AddressFamily,
                                         host: str) -> None:
    with listener(family, host) as (port, accepted):
        fam = "AF_INET6" if family == socket.AF_INET6 else "AF_INET"
        e = hostile.run(*py(
            "import socket\n"
            f"s = socket.socket(socket.{fam}); s.settimeout(2)\n"
            f"try:\n    s.connect(({host!r}, {port})); print('CONNECTED')\n"
            "except OSError as e:\n    print('BLOCKED', e)\n"))
    assert e.verdict == "ok" and "BLOCKED" in e.stdout and "CONNECTED" not in e.stdout
    assert accepted == []


def test_only_loopback_is_visible(hostile: HostileRunner) -> None:
    e = hostile.run(*py(
        "import socket\n"
        "print('IF', sorted(n for _, n in socket.if_nameindex()))\n"
        "print('ROUTES', len(open('/proc/net/route').read().splitlines()) - 1)\n"
        "v6 = [l.split()[-1] for l in open('/proc/net/ipv6_route').read().splitlines()]\n"
        "print('V6', sorted(set(v6)))\n"))
    assert e.verdict == "ok", e
    assert "IF ['lo']" in e.stdout and "ROUTES 0" in e.stdout
    assert "V6 []" in e.stdout or "V6 ['lo']" in e.stdout


def test_fork_bomb_times_out_contained(hostile: HostileRunner) -> None:
    e = hostile.run(*py(
        "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"),
        time_s=4, processes=32)
    assert e.verdict == "timeout"


def test_memory_bomb_gets_memory_verdict(hostile: HostileRunner) -> None:
    e = hostile.run(*py("b = []\nwhile True:\n    b.append(bytearray(8 << 20))\n"),
                    memory_mb=128)
    assert e.verdict == "memory", e


def test_cpu_spin_gets_cpu_verdict(hostile: HostileRunner) -> None:
    e = hostile.run(*py("while True:\n    pass\n"), time_s=120, cpu_s=1)
    assert e.verdict == "cpu", e


def test_sleep_forever_times_out(hostile: HostileRunner) -> None:
    e = hostile.run(*py("import time\ntime.sleep(10**6)\n"), time_s=2)
    assert e.verdict == "timeout"


def test_filling_the_disk_stops_at_the_caps(hostile: HostileRunner) -> None:
    e = hostile.run(*py(
        "import os\n"
        "for where in ('.', '/tmp'):\n"
        "    total = 0\n"
        "    try:\n"
        "        for i in range(10**6):\n"
        "            with open(f'{where}/f{i}', 'wb') as fh:\n"
        "                fh.write(b'x' * (1 << 20)); total += 1\n"
        "    except OSError as e:\n"
        "        print('FULL', where, total, e.errno)\n"), file_mb=16, time_s=30)
    assert e.verdict == "ok" and e.exit_code == 0, e
    lines = [ln.split() for ln in e.stdout.splitlines()]
    assert [ln[:2] for ln in lines] == [["FULL", "."], ["FULL", "/tmp"]]
    assert int(lines[0][2]) <= 16 and int(lines[1][2]) <= 64


def test_writing_outside_the_workdir_is_denied(hostile: HostileRunner, tmp_path: Path) -> None:
    target = tmp_path / "escape.txt"
    places = ["/usr/escape", "/etc/escape", str(target), "/escape", "/mnt/escape",
              f"{os.path.realpath(sys.prefix)}/escape", f"{Path(python_executable()).parent}/x",
              *(f"{p}/escape" for p in hidden_paths()), "/proc/sys/kernel/hostname"]
    e = hostile.run(*py(
        f"for p in {places!r}:\n"
        "    try:\n        open(p, 'w').write('x'); print('WROTE', p)\n"
        "    except OSError as e:\n        print('DENIED', p)\n"))
    assert "WROTE" not in e.stdout and e.stdout.count("DENIED") == len(places), e.stdout
    assert not target.exists() and not Path("/usr/escape").exists()


def test_host_secrets_are_out_of_reach(hostile: HostileRunner) -> None:
    secret = f"s3cr3t-{uuid.uuid4().hex}"
    db = ROOT / f"codecanary-attack-{secret[-6:]}.db"
    home_file = Path.home() / f".codecanary-attack-{secret[-6:]}"
    db.write_text(secret)
    home_file.write_text(secret)
    try:
        e = hostile.run(*py(
            "import os, glob\n"
            "print(dict(os.environ))\n"
            f"for p in [{str(db)!r}, {str(home_file)!r}, '/proc/1/environ', '/proc/self/environ']"
            " + glob.glob('/root/*') + glob.glob('/work/*'):\n"
            "    try:\n        print(p, open(p, errors='replace').read()[:200])\n"
            "    except OSError as e:\n        print('DENIED', p)\n"),
            env={"CODECANARY_ATTACK_SECRET": secret, "ANTHROPIC_API_KEY": secret})
    finally:
        db.unlink()
        home_file.unlink()
    assert secret not in e.stdout and secret not in e.stderr
    assert "CODECANARY_ATTACK_SECRET" not in e.stdout and "ANTHROPIC_API_KEY" not in e.stdout
    assert f"DENIED {db}" in e.stdout and f"DENIED {home_file}" in e.stdout


USERNS_ATTEMPTS = [
    # the unshare(2) and clone(2) system calls, through ctypes (Python 3.11 has no
    # os.unshare); a clone child that got through exits at once
    "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
    "rc = libc.unshare(0x10000000)\nprint('UNSHARE', rc, ctypes.get_errno())\n",
    "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
    "pid = libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0)  # clone(CLONE_NEWUSER | SIGCHLD)\n"
    "if pid == 0:\n    os._exit(0)\nprint('CLONE', pid, ctypes.get_errno())\n",
    # util-linux's unshare, mapping root as an exploit would
    "import subprocess\nr = subprocess.run(['unshare', '--user', '--map-root-user', 'id', '-u'],"
    " capture_output=True, text=True)\nprint('CLI', r.returncode, r.stdout.strip(), r.stderr)\n",
]
"""Each prints the call's result first: -1 from a refused system call, the exit status 1
of a refused ``unshare`` command (Python 3.12's ``os.unshare`` is the same system call)."""


@pytest.mark.parametrize("attempt", USERNS_ATTEMPTS, ids=["unshare", "clone", "cli"])
def test_nested_user_namespaces_are_refused(hostile: HostileRunner, attempt: str) -> None:
    """A user namespace of its own would give the code capabilities over new namespaces,
    the usual way into kernel bugs: bwrap disables them, docker boxes refuse them."""
    e = hostile.run(*py(attempt))
    assert e.verdict == "ok" and e.exit_code == 0, e
    assert e.stdout.split()[1] in ("-1", "1"), e.stdout


@pytest.mark.parametrize("how", ["os.kill(-1, 9)", "os.kill(os.getppid(), 9)"])
def test_killing_the_parent_only_kills_the_sandbox(hostile: HostileRunner, how: str) -> None:
    e = hostile.run(*py(f"import os, time\n{how}\ntime.sleep(3)\nopen('out.txt', 'w')\n"),
                    collect=["out.txt"], time_s=20)
    if hostile.warm:
        # A warm attempt is alone in its pid namespace with a pid 1 it cannot signal:
        # kill(-1) finds nobody else (ProcessLookupError), its parent ignores SIGKILL.
        assert e.verdict == "ok", e
        assert ("ProcessLookupError" in e.stderr if "-1" in how
                else e.artifacts == {"out.txt": ""}), e
    else:
        # The runner's shell inside the sandbox dies: the run is reported as killed.
        assert e.verdict == "killed" and e.artifacts == {}, e


def test_double_forked_daemon_does_not_outlive_the_run(hostile: HostileRunner) -> None:
    e = hostile.run(*py(
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        os.closerange(0, 3)\n"
        "        time.sleep(600)\n"
        "    os._exit(0)\n"
        "print('parent done')\n"), time_s=60)
    # "ok", not "timeout": the daemon neither held the run open nor survived it.
    assert e.verdict == "ok" and e.stdout == "parent done\n", e


def test_symlinks_in_returned_files_are_dropped(hostile: HostileRunner) -> None:
    e = hostile.run(*py(
        "import os\n"
        "os.symlink('/etc/passwd', 'out.txt')\n"
        "os.symlink('/', 'root')\n"
        "os.mkdir('d'); os.symlink('/etc/hostname', 'd/x')\n"
        "open('real.txt', 'w').write('fine')\n"),
        collect=["out.txt", "root/etc/passwd", "d/x", "real.txt"])
    assert e.verdict == "ok" and e.artifacts == {"real.txt": "fine"}, e.artifacts


def test_100_mb_of_stdout_is_cut(hostile: HostileRunner) -> None:
    e = hostile.run(*py(
        "import sys\nfor _ in range(100):\n    sys.stdout.buffer.write(b'x' * (1 << 20))\n"),
        output_bytes=1 << 20, time_s=30)
    assert e.verdict == "output-limit" and len(e.stdout) < (1 << 20) + 100, len(e.stdout)
