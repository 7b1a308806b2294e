"""Driver run inside a loopback-only network namespace by the claude-code tests.

``python -m tests.fakes.claude_code_run SCENARIO TASK_DIR OUT`` starts the fake
Anthropic API on 127.0.0.1, points the real ``claude`` CLI at it through the
ClaudeCodeAssistant adapter, answers one task and writes the attempt and the
requests the server saw to OUT (JSON). The caller creates the namespace
(``unshare -n``, ``ip link set lo up``), so nothing but the fake is reachable.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from assistants.claude_code import INSIDE, ClaudeCodeAssistant
from codecanary.tasks import load_suite
from tests.fakes.anthropic_server import (
    Drop,
    FakeAnthropic,
    Item,
    Reply,
    overloaded,
    rate_limited,
    server_error,
)


def edit_script(entry: str, stub: str, solution: str) -> list[Item]:
    """Read the stub, replace it with Edit, then say it is done."""
    path = f"{INSIDE}/{entry}"
    return [Reply(tool_uses=[("Read", {"file_path": path})]),
            Reply(tool_uses=[("Edit", {"file_path": path, "old_string": stub,
                                       "new_string": solution})]),
            Reply(text="I replaced the stub with an implementation that handles None.")]


def main() -> None:
    scenario, task_dir, out = sys.argv[1:4]
    tasks, errors = load_suite([Path(task_dir)])
    assert not errors, errors
    task = tasks[0]
    entry = task.entry_point
    script = edit_script(entry, task.workspace[entry], task.reference[entry])
    fake = FakeAnthropic().start()
    if scenario == "faults":
        fake.enqueue(rate_limited(0.1), overloaded(), server_error(), Drop())
    if scenario == "down":
        fake.default = server_error()
    elif scenario.startswith("escape:"):  # try to write a file outside the workspace
        fake.enqueue(Reply(tool_uses=[("Write", {"file_path": scenario[7:],
                                                 "content": "escaped\n"})]),
                     Reply(text="done"))
    else:
        fake.enqueue(*script)
    env = {"ANTHROPIC_BASE_URL": fake.url, "ANTHROPIC_API_KEY": "sk-ant-test-dummy",
           "CLAUDE_CODE_MAX_RETRIES": "2"}
    a = ClaudeCodeAssistant("claude-sonnet-4-6", env=env, retries=1, backoff_s=0.1,
                            timeout_s=240)
    att = a.attempt(task, 0, "2026-01-01")
    fake.stop()
    log = [{"method": r.method, "path": r.path, "headers": r.headers,
            "model": r.body.get("model") if isinstance(r.body, dict) else None,
            "tools": [t.get("name") for t in r.body.get("tools", [])]
            if isinstance(r.body, dict) else []} for r in fake.log]
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"attempt": dataclasses.asdict(att), "log": log}, fh)


if __name__ == "__main__":
    main()
