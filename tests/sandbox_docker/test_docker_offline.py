"""The docker backend's pieces that need no engine: command mapping, trailer parsing,
the image tag, and the error raised when no engine answers."""

from __future__ import annotations

import base64
import io
import re
import sys
import tarfile
from pathlib import Path

import pytest

from sandbox import docker as docker_backend
from sandbox.base import SandboxError
from sandbox.docker import BASE_IMAGE, DockerSandbox, image_command, image_files
from sandbox.docker_exec import MARKER, Streamed, input_tar, parse_trailer
from sandbox.docker_seccomp import CLONE_NEWUSER, no_userns
from sandbox.toolchains import python_executable, rustc_path

ROOT = Path(__file__).resolve().parents[2]


def test_image_tag_matches_the_engine_script() -> None:
    script = (ROOT / "scripts" / "docker-engine.sh").read_text()
    tag = re.search(r'^BASE_TAG="([^"]+)"', script, re.M)
    assert tag is not None
    assert f"codecanary-base:{tag.group(1)}" == BASE_IMAGE


def test_host_python_becomes_the_image_python() -> None:
    assert image_command([sys.executable, "-m", "pytest"]) == ["python3", "-m", "pytest"]
    assert image_command(["/opt/py/bin/python3.12", "-c", "pass"])[0] == "python3"


def test_host_paths_inside_shell_scripts_are_mapped_as_whole_words() -> None:
    rustc = rustc_path()
    if rustc is None:
        pytest.skip("no rustc on this host")
    script = f"{rustc} --test a.rs && echo {rustc}x {rustc}/y '{rustc}'"
    out = image_command(["/bin/sh", "-c", script])
    assert out[:2] == ["/bin/sh", "-c"]
    assert out[2] == f"rustc --test a.rs && echo {rustc}x {rustc}/y 'rustc'"


def test_host_paths_in_runner_files_are_mapped_but_task_files_are_not() -> None:
    py = python_executable()  # the sandbox's Python runtime, as the runners name it
    files = {".cc/differential.json": f'{{"run": ["{py}", "d.py"]}}',
             "solution.py": f"# {py}\n"}
    out = image_files(files)
    assert out[".cc/differential.json"] == '{"run": ["python3", "d.py"]}'
    assert out["solution.py"] == files["solution.py"]


def test_bare_tools_and_unknown_paths_are_left_alone() -> None:
    cmd = ["/bin/sh", "-c", "g++ -o t t.cpp && ./t", "/box/node"]
    assert image_command(cmd) == cmd


def _tar(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_the_last_marker_wins_over_a_forged_one() -> None:
    forged = MARKER + b"rc=0 oom=0\n" + base64.b64encode(_tar("r.xml", b"forged"))
    real = MARKER + b"rc=3 oom=2\n" + base64.b64encode(_tar("r.xml", b"real"))
    out = Streamed(bytearray(), bytearray())
    out.add_stdout(b"hello" + forged)
    out.add_stdout(real)
    trailer = parse_trailer(out.stdout)
    assert trailer is not None and (trailer.rc, trailer.oom) == (3, 2)
    assert b"real" in trailer.artifacts and not trailer.setup_failed
    assert out.command_stdout() == b"hello" + forged


def test_missing_or_malformed_trailer_is_none() -> None:
    assert parse_trailer(b"just output") is None
    assert parse_trailer(b"x" + MARKER + b"garbage\n") is None


def test_input_tar_rejects_escaping_paths() -> None:
    with pytest.raises(ValueError):
        input_tar({"../evil": "x"})
    with tarfile.open(fileobj=io.BytesIO(input_tar({"a/b.txt": "x"}))) as tar:
        assert tar.getnames() == ["a/b.txt"]


def test_engine_down_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(SandboxError, match=r"scripts/docker-engine\.sh"):
        DockerSandbox(base_url=f"unix://{tmp_path}/nothing.sock")


def test_module_does_not_import_the_sdk_at_import_time() -> None:
    source = Path(docker_backend.__file__).read_text()
    top_level = [ln for ln in source.splitlines() if ln.startswith(("import ", "from "))]
    assert not any("docker" in ln.split()[1].split(".")[0] for ln in top_level
                   if not ln.startswith("from sandbox"))


def test_seccomp_profile_refuses_user_namespaces_and_keeps_the_rest() -> None:
    default = {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
        {"names": ["read", "clone", "clone3", "unshare"], "action": "SCMP_ACT_ALLOW"},
        {"names": ["unshare"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": ["setns"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}
    rules = no_userns(default)["syscalls"]
    allowed = {n for r in rules if r["action"] == "SCMP_ACT_ALLOW" and not r.get("args")
               for n in r["names"]}
    assert "read" in allowed and not allowed & {"clone", "clone3", "unshare"}
    assert {"names": ["setns"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1} in rules
    by_value = {r["args"][0]["valueTwo"]: r for r in rules if r.get("args")}
    assert by_value[0]["action"] == "SCMP_ACT_ALLOW"  # clone/unshare without CLONE_NEWUSER
    assert by_value[CLONE_NEWUSER]["action"] == "SCMP_ACT_ERRNO"
    assert all(r["args"][0]["value"] == CLONE_NEWUSER for r in by_value.values())
    assert {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38} in rules
    assert default["syscalls"][0]["names"] == ["read", "clone", "clone3", "unshare"]  # a copy
