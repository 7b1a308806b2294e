"""claude-code with the real ``claude`` binary against the fake API, in a loopback-only netns.

Each scenario runs ``tests/fakes/claude_code_run.py`` under ``unshare -n`` (only
``lo`` exists, brought up by the test), where the fake server listens on
127.0.0.1 and the CLI, started by the ClaudeCodeAssistant adapter with its
non-essential traffic and telemetry off, can reach nothing else. The hidden
tests then run in the bubblewrap sandbox on the files the CLI left.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistants.claude_code import QUIET_ENV, TOOLS, ClaudeCodeAssistant, find_cli
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import run_tests

ROOT = Path(__file__).resolve().parents[2]
TASK_DIR = ROOT / "tests/fixtures/mini_suite/python/null-handling/display-name"

pytestmark = pytest.mark.skipif(
    find_cli() is None or shutil.which("unshare") is None,
    reason="needs the pinned claude CLI (bash scripts/bootstrap.sh) and unshare")


def run_scenario(scenario: str, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "out.json"
    script = (f"ip link set lo up && exec {sys.executable} -m tests.fakes.claude_code_run "
              f"{scenario} {TASK_DIR} {out}")
    proc = subprocess.run(["unshare", "-n", "sh", "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=500)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def model_calls(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The requests that ask the model; the pinned CLI also sends a ``HEAD /`` reachability
    check to the base URL (the fake server on loopback), and nothing else."""
    assert all(r["path"] == "/" for r in log if r["method"] == "HEAD"), log
    return [r for r in log if r["method"] != "HEAD"]


def test_cli_edits_the_workspace_and_the_hidden_tests_pass(
        tmp_path: Path, py_task: Task, sandbox: BwrapSandbox) -> None:
    res = run_scenario("write", tmp_path)
    att, log = res["attempt"], model_calls(res["log"])
    assert att["infra_error"] is None
    meta = att["meta"]
    assert meta["turns"] == "3" and meta["subtype"] == "success"
    assert float(meta["cost_usd"]) > 0 and att["cost_usd"] > 0
    assert "no Bash" in meta["isolation"] and "bwrap" in meta["isolation"]
    assert att["version"].startswith(meta["cli_version"]) and att["completion_tokens"] > 0
    assert "handles None" in att["transcript"]
    # what the CLI asked of the server: only streamed Messages calls, offering no Bash
    assert {(r["method"], r["path"].split("?")[0]) for r in log} == {("POST", "/v1/messages")}
    assert all(sorted(r["tools"]) == ["Edit", "Read", "Write"] for r in log)
    assert all(r["headers"].get("x-api-key") == "sk-ant-test-dummy" for r in log)
    assert att["files"][py_task.entry_point] == py_task.reference[py_task.entry_point]
    assert run_tests(sandbox, py_task, att["files"]).passed
    assert not run_tests(sandbox, py_task, py_task.workspace).passed  # the stub fails


def test_fault_replies_are_retried_and_not_failures(
        tmp_path: Path, py_task: Task, sandbox: BwrapSandbox) -> None:
    res = run_scenario("faults", tmp_path)  # 429, 529, 500, dropped connection, then edits
    att = res["attempt"]
    assert att["infra_error"] is None and int(att["meta"]["tries"]) >= 1
    assert len(model_calls(res["log"])) == 7
    assert run_tests(sandbox, py_task, att["files"]).passed


def test_persistent_api_outage_is_an_infra_error(tmp_path: Path) -> None:
    res = run_scenario("down", tmp_path)
    att = res["attempt"]
    assert att["infra_error"] and "API error 500" in att["infra_error"]
    assert att["files"] == {} and att["meta"]["tries"] == "2"


def test_agent_cannot_write_outside_its_workspace(tmp_path: Path) -> None:
    target = Path("/root") / f"codecanary-escape-{tmp_path.name}.txt"
    res = run_scenario(f"escape:{target}", tmp_path)
    assert not target.exists()
    assert res["attempt"]["infra_error"] is None
    assert str(target) not in json.dumps(res["attempt"]["files"])


def test_command_line_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_HOST_SECRET", "x")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")
    a = ClaudeCodeAssistant("claude-haiku-4-5")
    cmd = a.command("do it", "system", 0.5)
    assert cmd[cmd.index("--tools") + 1] == TOOLS == "Read,Edit,Write"
    assert cmd[cmd.index("--permission-mode") + 1] == "dontAsk"
    assert cmd[cmd.index("--model") + 1] == "claude-haiku-4-5"
    assert cmd[cmd.index("--max-budget-usd") + 1] == "0.5000"
    env = a.environment("/home/agent")
    assert "SOME_HOST_SECRET" not in env and env["ANTHROPIC_BASE_URL"] == "http://127.0.0.1:9"
    assert all(env[k] == v for k, v in QUIET_ENV.items())
    assert a.id == "claude-code:claude-haiku-4-5" and a.version.endswith("/claude-haiku-4-5")
