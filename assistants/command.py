"""``command:<cmd>``: any CLI agent that edits a workspace, run inside the sandbox.

The agent gets a copy of the task's workspace in the sandbox's work directory
(``/box``) plus the rendered task (agentic shape, :mod:`assistants.render`) in
``.codecanary/prompt.md``; ``<cmd>`` runs there through ``bash -c`` with the
prompt also in ``$CODECANARY_PROMPT`` and its path in ``$CODECANARY_PROMPT_FILE``
(``{prompt_file}`` in the command is replaced by that path). What the agent
leaves in the target and workspace files is the attempt: the sandbox's collect
mechanism copies them back (regular files only, never through a symlink), and
files that changed become ``Attempt.files``.

The agent never runs on the host: the default sandbox is bubblewrap (no
network, read-only root, rlimits, wall-clock kill). If the command's program is
installed outside /usr (a venv, ~/.local), the folder above its ``bin/`` is
bound read-only into the sandbox so it can start. Agents that need a network
API cannot reach it from the sandbox; use a local model server-less agent, or
an adapter that manages its own endpoint (``claude-code``).

Settings (environment): ``CODECANARY_COMMAND_TIMEOUT`` seconds (default 900),
``CODECANARY_COMMAND_MEMORY`` MB (default 4096), ``CODECANARY_COMMAND_PATHS``
extra ``:``-separated folders to bind. A timeout, a non-zero exit or a sandbox
failure is an infra error, retried ``retries`` times.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistants.family import assistant_family
from assistants.render import render
from codecanary.registry import get
from codecanary.types import Attempt, Execution, Limits, Task
from sandbox.base import WORKDIR, Sandbox, SandboxError

PROMPT_FILE = ".codecanary/prompt.md"
SYSTEM_DIRS = ("/usr/", "/bin/", "/sbin/", "/lib")


def program_binds(cmd: str) -> list[str]:
    """Folders to bind so the command's program (found on the host PATH) can run inside."""
    try:
        words = shlex.split(cmd)
    except ValueError:
        return []
    found = shutil.which(words[0]) if words else None
    if not found:
        return []
    real = Path(os.path.realpath(found))
    if str(real).startswith(SYSTEM_DIRS):
        return []
    return [str(real.parent.parent if real.parent.name == "bin" else real.parent)]


def _program_digest(cmd: str) -> str:
    try:
        words = shlex.split(cmd)
    except ValueError:
        return "unparsable"
    found = shutil.which(words[0]) if words else None
    if not found:
        return "not-found"
    h = hashlib.sha256(Path(found).read_bytes()).hexdigest()
    return f"{Path(found).name}:{h[:12]}"


class CommandAssistant:
    """A CLI agent run in a sandboxed workspace copy; see the module docstring."""

    def __init__(self, cmd: str, sandbox: Sandbox | None = None, *, timeout_s: float = 900.0,
                 memory_mb: int = 4096, retries: int = 1, extra_paths: Sequence[str] = ()):
        if not cmd.strip():
            raise ValueError("give a command: command:'aider --yes --message-file {prompt_file}'")
        self.cmd = cmd
        self.id = f"command:{cmd}"
        self.retries = retries
        self.limits = Limits(time_s=timeout_s, memory_mb=memory_mb, processes=256, file_mb=256)
        binds = [*program_binds(cmd), *extra_paths]
        self.sandbox: Sandbox = sandbox or get("sandbox", "bwrap")(extra_paths=binds)
        self.version = f"{cmd} [{_program_digest(cmd)}]"

    def _run(self, task: Task, prompt: str) -> Execution:
        files = {**task.workspace, PROMPT_FILE: prompt}
        wanted = sorted({*render(task).targets, *task.workspace})
        inner = self.cmd.replace("{prompt_file}", shlex.quote(f"{WORKDIR}/{PROMPT_FILE}"))
        env = {"CODECANARY_PROMPT": prompt, "CODECANARY_PROMPT_FILE": f"{WORKDIR}/{PROMPT_FILE}",
               "CODECANARY_TASK": task.name, "CODECANARY_LANGUAGE": task.language}
        return self.sandbox.run(files, ["bash", "-c", inner], self.limits, collect=wanted,
                                env=env)

    def attempt(self, task: Task, sample: int, night: str) -> Attempt:
        """Run the agent (retrying infra failures) and keep the files it changed."""
        prompt = render(task, "agentic").user
        start = time.monotonic()
        problems: list[str] = []
        result: Execution | None = None
        for _ in range(1 + self.retries):
            try:
                ex = self._run(task, prompt)
            except SandboxError as exc:
                problems.append(f"sandbox: {exc}")
                continue
            why = self._infra(ex)
            if why is None:
                result = ex
                break
            problems.append(why)
        latency = time.monotonic() - start
        meta: dict[str, Any] = {"command": self.cmd, "timeout_s": str(self.limits.time_s),
                                "cost": "unknown (agent reports none)"}
        if result is None:
            return Attempt(task_id=task.id, assistant=self.id, version=self.version,
                           sample=sample, files={}, latency_s=latency,
                           transcript="\n".join(problems), infra_error="; ".join(problems)[:2000],
                           meta={k: str(v) for k, v in meta.items()})
        changed = {p: t for p, t in result.artifacts.items() if task.workspace.get(p) != t}
        meta.update({"exit_code": result.exit_code, "changed": ", ".join(sorted(changed)) or "none",
                     "duration_s": f"{result.duration_s:.2f}"})
        if problems:
            meta["retried_after"] = "; ".join(problems)[:1000]
        return Attempt(
            task_id=task.id, assistant=self.id, version=self.version, sample=sample,
            files=changed, latency_s=latency,
            transcript=f"[prompt]\n{prompt}\n[stdout]\n{result.stdout}\n[stderr]\n{result.stderr}",
            meta={k: str(v) for k, v in meta.items()},
        )

    @staticmethod
    def _infra(ex: Execution) -> str | None:
        """Why this run cannot count as the agent's answer (None when it can)."""
        if ex.infra_error:
            return f"sandbox: {ex.infra_error}"
        if ex.verdict != "ok":
            return f"agent stopped: {ex.verdict} after {ex.duration_s:.0f}s"
        if ex.exit_code != 0:
            tail = (ex.stderr or ex.stdout).strip()[-300:]
            return f"agent exited with status {ex.exit_code}: {tail}"
        return None


def status() -> tuple[bool, str]:
    """``command:`` needs only the sandbox (bubblewrap) and the command's own program."""
    if shutil.which("bwrap") is None:
        return False, "bubblewrap missing (scripts/bootstrap.sh installs it)"
    return True, "runs any CLI agent in the bwrap sandbox (no network inside)"


@assistant_family("command", examples=("command:'my-agent --prompt-file {prompt_file}'",),
                  status=status)
def make_command(arg: str | None) -> CommandAssistant:
    """Factory for ``command:<cmd>``; settings come from CODECANARY_COMMAND_* variables."""
    env = os.environ
    paths = [p for p in env.get("CODECANARY_COMMAND_PATHS", "").split(":") if p]
    return CommandAssistant(arg or "", timeout_s=float(env.get("CODECANARY_COMMAND_TIMEOUT", 900)),
                            memory_mb=int(env.get("CODECANARY_COMMAND_MEMORY", 4096)),
                            extra_paths=paths)

