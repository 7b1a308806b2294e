"""The docker backend against a real engine: runners, isolation, warm reuse, verdicts,
clean-up. Cheapest first; every run is one exec into a warm container."""

from __future__ import annotations

import dataclasses
import socket
import sys
import time
from collections.abc import Sequence

import docker
import pytest

from codecanary.tasks import load_suite
from codecanary.types import Execution, Limits, Task
from sandbox.base import WORKDIR
from sandbox.docker import LABEL, DockerSandbox
from sandbox.docker_exec import MARKER
from sandbox.runners import reference_files, run_tests
from sandbox.runners.watchdog import stack_dump_after
from tests.conftest import ROOT

LANG_SUITE = ROOT / "tests" / "fixtures" / "lang_suite"

PY = sys.executable  # a host path on purpose: the backend maps it to the image's python3
L = Limits(time_s=20)
SLEEPERS = "cat /proc/[0-9]*/comm 2>/dev/null | grep -c '^sleep$'"


def sh(sb: DockerSandbox, script: str, limits: Limits = L,
       collect: Sequence[str] = ()) -> Execution:
    return sb.run({}, ["/bin/sh", "-c", script], limits, collect=collect)


def test_files_in_output_and_collected_files_out(docker_sandbox: DockerSandbox) -> None:
    e = docker_sandbox.run(
        {"a.py": "import sys; print(open('sub/in.txt').read()); sys.stderr.write('err');"
                 "open('out.txt', 'w').write('done'); sys.exit(3)", "sub/in.txt": "x"},
        [PY, "a.py"], L, collect=["out.txt", "missing.txt"])
    assert (e.exit_code, e.verdict, e.stdout, e.stderr) == (3, "ok", "x\n", "err")
    assert e.artifacts == {"out.txt": "done"}


def test_python_task_through_the_runner(docker_sandbox: DockerSandbox, py_task: Task) -> None:
    good = run_tests(docker_sandbox, py_task, reference_files(py_task))
    assert good.passed, (good.stdout, good.stderr)
    assert good.tests and all(t.outcome == "passed" for t in good.tests)
    bad = run_tests(docker_sandbox, py_task, reference_files(py_task, "no-none-check"))
    assert not bad.passed and any(t.outcome == "failed" for t in bad.tests)


def test_stack_dump_budget_counts_from_the_run_not_the_containers_start(
        docker_sandbox: DockerSandbox, py_task: Task) -> None:
    """In a reused container pid 1 is older than any run: the watchdog that dumps stacks
    just before the wall-clock kill must still give a slow but finishing test its time."""
    slow = dataclasses.replace(
        py_task, limits=Limits(time_s=12.0),  # room for a loaded machine: only the start counts
        tests={**py_task.tests, "test_slow.py": "import time\n\n\ndef test_slow():\n"
                                                "    time.sleep(1.0)\n"})
    run_tests(docker_sandbox, slow, reference_files(slow))  # the container is up
    time.sleep(stack_dump_after(12.0) + 0.5)  # now its pid 1 is older than the budget
    e = run_tests(docker_sandbox, slow, reference_files(slow))
    assert e.passed and e.verdict == "ok", (e.verdict, e.stderr[-2000:])


def test_rust_task_through_the_runner(docker_sandbox: DockerSandbox, rust_task: Task) -> None:
    good = run_tests(docker_sandbox, rust_task, reference_files(rust_task))
    assert good.passed, (good.stdout, good.stderr)
    assert {t.name for t in good.tests} >= {"tests::small_values"}
    broken = run_tests(docker_sandbox, rust_task,
                       {rust_task.entry_point: "pub fn sum_to(n: u64) -> u64 { let v = vec![1]; "
                                               "let w = v; v.len() as u64 + n }"})
    assert broken.compile_error and "E0382" in broken.diagnostics


@pytest.mark.parametrize("language", ["cpp", "javascript", "java", "rust"])
def test_compiled_languages_with_the_differential_harness(
        docker_sandbox: DockerSandbox, language: str) -> None:
    tasks, errors = load_suite([LANG_SUITE / language])
    assert not errors and tasks
    e = run_tests(docker_sandbox, tasks[0], reference_files(tasks[0]))
    assert e.passed, (e.stdout[-2000:], e.stderr[-2000:])
    assert any(t.name == "differential" and t.outcome == "passed" for t in e.tests), e.tests


def test_runs_unprivileged_with_no_capability(docker_sandbox: DockerSandbox) -> None:
    e = sh(docker_sandbox, "id -u; grep -E '^(Cap(Eff|Prm|Bnd)|NoNewPrivs)' /proc/self/status")
    lines = e.stdout.split("\n")
    assert lines[0] != "0"
    assert all(ln.split()[1] in ("0000000000000000", "1") for ln in lines[1:] if ln)


def test_no_user_namespace_but_threads_and_processes(docker_sandbox: DockerSandbox) -> None:
    """The box refuses user namespaces (seccomp on Podman, see sandbox.docker_seccomp);
    threads and child processes, which use clone too, still work."""
    e = sh(docker_sandbox, "unshare --user true; echo userns=$?; unshare --mount true; "
                           "echo mountns=$?; python3 -c 'import threading, subprocess; "
                           "t = threading.Thread(target=print); t.start(); t.join(); "
                           "print(\"child\", subprocess.run([\"true\"]).returncode)'")
    assert "userns=1" in e.stdout and "mountns=1" in e.stdout, e
    assert "child 0" in e.stdout, e


def test_no_network_but_loopback(docker_sandbox: DockerSandbox) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    try:
        probe = (f"import socket\ntry:\n socket.create_connection(('127.0.0.1', {port}), 2)\n"
                 " print('connected')\nexcept OSError as e:\n print('refused', e)\n"
                 "print(sorted(l.split(':')[0].strip() for l in open('/proc/net/dev')"
                 ".readlines()[2:]))")
        e = docker_sandbox.run({"p.py": probe}, ["python3", "p.py"], L)
    finally:
        listener.close()
    assert e.exit_code == 0, e.stderr
    assert "refused" in e.stdout and "connected" not in e.stdout
    assert e.stdout.strip().endswith("['lo']")


def test_read_only_root_and_writable_box(docker_sandbox: DockerSandbox) -> None:
    e = sh(docker_sandbox, "for d in /etc /usr /var /; do touch $d/x 2>/dev/null && echo $d; "
                           "done; touch /box/x /tmp/x && echo ok")
    assert e.stdout == "ok\n"


def test_warm_container_is_reused_and_wiped(docker_sandbox: DockerSandbox) -> None:
    first = sh(docker_sandbox, "hostname; echo 1 > left.txt; echo 1 > /tmp/left.txt; "
                               "setsid sh -c 'sleep 300' >/dev/null 2>&1 & echo started")
    ids = docker_sandbox.containers()
    second = sh(docker_sandbox, f"hostname; ls -A /box /tmp; {SLEEPERS}")
    host, started = first.stdout.split()
    assert started == "started"
    assert docker_sandbox.containers() == ids
    out = second.stdout.split()
    assert out[0] == host and any(i.startswith(host) for i in ids)  # the same container
    assert "left.txt" not in out and out[-1] == "0", out  # no file, no daemon survives


def test_timeout_kills_and_the_box_recovers(docker_sandbox: DockerSandbox) -> None:
    e = sh(docker_sandbox, "sleep 60 & sleep 60", Limits(time_s=1.5))
    assert e.verdict == "timeout" and e.duration_s < 10
    after = sh(docker_sandbox, SLEEPERS)
    assert after.verdict == "ok" and after.stdout == "0\n"


def test_memory_limit_verdict(docker_sandbox: DockerSandbox) -> None:
    e = docker_sandbox.run({"m.py": "x = bytearray(400 << 20)\nprint(len(x))"},
                           ["python3", "m.py"], Limits(time_s=20, memory_mb=128))
    assert e.verdict == "memory", (e.exit_code, e.stderr)
    again = docker_sandbox.run({"m.py": "print('fine')"}, ["python3", "m.py"],
                               Limits(time_s=20, memory_mb=128))
    assert again.verdict == "ok" and again.stdout == "fine\n"
    assert not (ROOT / "oom").exists()  # conmon's OOM marker lands in the service's cwd


def test_cpu_limit_verdict(docker_sandbox: DockerSandbox) -> None:
    e = sh(docker_sandbox, "while :; do :; done", Limits(time_s=15, cpu_s=1))
    assert e.verdict == "cpu", (e.exit_code, e.duration_s)


def test_output_limit_verdict(docker_sandbox: DockerSandbox) -> None:
    e = sh(docker_sandbox, "yes", Limits(time_s=20, output_bytes=64 << 10))
    assert e.verdict == "output-limit"
    assert len(e.stdout) < (64 << 10) + 100


def test_symlinked_result_is_not_followed(docker_sandbox: DockerSandbox) -> None:
    e = sh(docker_sandbox, "mkdir -p .cc && ln -s /etc/passwd .cc/r.xml && ln -s /etc .cc/d",
           collect=[".cc/r.xml", ".cc/d/passwd"])
    assert e.artifacts == {}


def test_forged_trailer_after_killing_the_wrapper_is_ignored(
        docker_sandbox: DockerSandbox) -> None:
    forged = MARKER.decode().replace("\n", "\\n")
    e = sh(docker_sandbox, f"printf '{forged}rc=0 oom=0\\nAAAA'; kill -9 $PPID; sleep 5",
           collect=["x"])
    assert e.verdict == "killed" and e.exit_code == 137
    assert not e.passed


def test_fork_bomb_is_contained(docker_sandbox: DockerSandbox) -> None:
    e = sh(docker_sandbox, "b() { b | b & }; b; sleep 3; echo survived",
           Limits(time_s=8, processes=32))
    assert e.verdict in ("ok", "timeout", "killed")
    after = sh(docker_sandbox, "echo fine", Limits(time_s=20, processes=32))
    assert after.stdout == "fine\n"


def test_close_removes_every_container(engine: str) -> None:
    sb = DockerSandbox(base_url=engine)
    sh(sb, "true")
    sh(sb, "true", Limits(memory_mb=256))
    ids = set(sb.containers())
    assert len(ids) == 2
    sb.close()
    client = docker.DockerClient(base_url=engine)
    left = {c.id for c in client.containers.list(all=True, filters={"label": LABEL})}
    assert not ids & left
    assert WORKDIR == "/box"


def test_a_removed_box_is_replaced(engine: str) -> None:
    with DockerSandbox(base_url=engine) as sb:
        sh(sb, "true")
        first = sb.containers()
        docker.DockerClient(base_url=engine).containers.get(first[0]).remove(force=True)
        e = sh(sb, "echo again")
        assert e.stdout == "again\n" and sb.containers() != first
