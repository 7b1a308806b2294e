"""The command: adapter: a CLI agent edits a workspace copy inside the bwrap sandbox."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from assistants.command import CommandAssistant, program_binds
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import run_tests

FIX = ("def display_name(user):\n    if user is None or not (user.get('name') or '').strip():\n"
       "        return 'anonymous'\n    return user['name'].strip()\n")


def agent(script: str, sandbox: BwrapSandbox, **kw: object) -> CommandAssistant:
    """A tiny 'agent': a Python script run as the command."""
    return CommandAssistant(f"python3 -c {shlex.quote(script)}", sandbox, retries=0, **kw)


def test_agent_edits_are_the_attempt_and_pass(py_task: Task, sandbox: BwrapSandbox) -> None:
    script = ("import os\nprompt = open(os.environ['CODECANARY_PROMPT_FILE']).read()\n"
              "assert 'display_name' in prompt and 'in place' in prompt\n"
              f"open('solution.py', 'w').write({FIX!r})\nprint('edited solution.py')\n")
    att = agent(script, sandbox).attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is None, att.infra_error
    assert att.files == {"solution.py": FIX}
    assert "edited solution.py" in att.transcript and att.meta["changed"] == "solution.py"
    assert run_tests(sandbox, py_task, att.files).passed


def test_agent_that_changes_nothing_produces_nothing(py_task: Task,
                                                     sandbox: BwrapSandbox) -> None:
    att = agent("print('I give up')", sandbox).attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is None and att.files == {}


def test_agent_cannot_touch_the_host_or_the_network(py_task: Task, sandbox: BwrapSandbox,
                                                    tmp_path: Path) -> None:
    marker = tmp_path / "escaped"
    script = ("import socket, os\nout = []\n"
              f"try:\n    open({str(marker)!r}, 'w').write('x')\n    out.append('wrote')\n"
              "except OSError:\n    out.append('no-host-write')\n"
              "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
              "    out.append('net')\nexcept OSError:\n    out.append('no-net')\n"
              "os.symlink('/etc/passwd', 'solution.py.tmp'); os.replace('solution.py.tmp', "
              "'solution.py')\nprint(' '.join(out))\n")
    att = agent(script, sandbox).attempt(py_task, 0, "2026-01-01")
    assert not marker.exists()
    assert "no-host-write no-net" in att.transcript
    assert "solution.py" not in att.files  # a symlink is never collected


def test_timeout_is_infra_and_retried(py_task: Task, sandbox: BwrapSandbox) -> None:
    a = CommandAssistant("sleep 30", sandbox, timeout_s=1.5, retries=1)
    att = a.attempt(py_task, 0, "2026-01-01")
    assert att.infra_error and att.infra_error.count("timeout") == 2 and att.files == {}


def test_crashed_cli_is_infra(py_task: Task, sandbox: BwrapSandbox) -> None:
    att = agent("import sys; sys.stderr.write('segfault-ish'); sys.exit(3)",
                sandbox).attempt(py_task, 0, "2026-01-01")
    assert att.infra_error and "status 3" in att.infra_error and "segfault-ish" in att.infra_error


def test_prompt_file_placeholder(py_task: Task, sandbox: BwrapSandbox) -> None:
    fix = shlex.quote(FIX)
    cmd = f"grep -q 'Files to produce' {{prompt_file}} && printf %s {fix} > solution.py"
    att = CommandAssistant(cmd, sandbox, retries=0).attempt(py_task, 0, "2026-01-01")
    assert att.files == {"solution.py": FIX}, att.transcript


def test_binds_and_bad_command(sandbox: BwrapSandbox) -> None:
    assert program_binds("bash -c true") == []  # a system program needs no bind
    assert program_binds("no-such-program-xyz") == []
    with pytest.raises(ValueError, match="give a command"):
        CommandAssistant("  ", sandbox)
