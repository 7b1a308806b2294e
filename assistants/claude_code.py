"""``claude-code[:<model>]``: the real Claude Code CLI, headless, in a copy of the workspace.

Each attempt copies the task's workspace to a fresh directory and runs::

    claude -p PROMPT --output-format json --tools Read,Edit,Write
           --allowedTools Read,Edit,Write --permission-mode dontAsk
           --append-system-prompt SYSTEM --no-session-persistence [--model M]
           [--max-budget-usd X]

and the files it leaves there are the attempt. The JSON result gives turns,
cost (``total_cost_usd``, the CLI's own price table), tokens, the final text
and the models used; ``claude --version`` is part of the version.

Isolation (decided here, recorded in every attempt's ``meta["isolation"]``):

* **No Bash, no code execution.** Only the Read, Edit and Write tools exist
  (``--tools``), they are pre-approved, and ``dontAsk`` denies anything else;
  so no command the model writes ever runs. (Bash would need the sandbox with
  the API endpoint as the only reachable address; we do not offer it.)
* **Filesystem confinement.** By default (``isolation="bwrap"``) the CLI runs
  under bubblewrap as an unprivileged uid (privileges dropped before bwrap):
  read-only /usr and /etc, the workspace copy as the only writable directory
  (at ``/workspace``), a tmpfs HOME, new pid/ipc/uts/user namespaces and a
  cleared environment. The network is shared, because the CLI itself must
  reach the API; with no Bash the model has no way to use it.
* The CLI's non-essential traffic, telemetry, error reporting and auto-update
  are switched off through its environment variables.

Infra errors (not model failures): the CLI crashing without a result, an API
error it reports (429, 5xx, connection), a timeout. They are retried
``retries`` times and then recorded as ``Attempt.infra_error``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistants.family import Capabilities, assistant_family
from assistants.pricing import COST_CAP_REACHED, Budget
from assistants.render import render
from codecanary.types import Attempt, Files, Task
from sandbox.base import read_artifacts_dir, write_tree

TOOLS = "Read,Edit,Write"
QUIET_ENV = {
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    "DISABLE_TELEMETRY": "1",
    "DISABLE_ERROR_REPORTING": "1",
    "DISABLE_AUTOUPDATER": "1",
    "DISABLE_BUG_COMMAND": "1",
    "DISABLE_NON_ESSENTIAL_MODEL_CALLS": "1",
    "CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY": "1",
}
"""Switch off everything the CLI would send besides the model requests."""
PASS_ENV = ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL",
            "ANTHROPIC_MODEL", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY")
AGENT_UID = 61999  # below/outside the sandbox slots (61000+)
INSIDE = "/workspace"
MAX_FILES = 500


class ClaudeCodeError(RuntimeError):
    """The CLI cannot be used here; the message says what to install or set."""


def find_cli(binary: str = "claude") -> str | None:
    """Where ``binary`` is: the pinned CLI that bootstrap links into the venv's bin
    (``tools/claude-code``, installed with ``npm ci``) first, then ``PATH``."""
    pinned = Path(sys.prefix) / "bin" / binary
    if os.sep not in binary and os.access(pinned, os.X_OK):
        return str(pinned)
    return shutil.which(binary)


def cli_version(binary: str = "claude", env: Mapping[str, str] | None = None) -> str:
    """``claude --version`` (e.g. ``2.1.197``), or raise ClaudeCodeError."""
    path = find_cli(binary)
    if path is None:
        raise ClaudeCodeError(f"{binary!r} not found; install the pinned CLI with "
                              "`bash scripts/bootstrap.sh` (npm ci in tools/claude-code)")
    out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60,
                         env={"PATH": os.environ.get("PATH", ""), **QUIET_ENV, **(env or {})})
    if out.returncode != 0:
        raise ClaudeCodeError(f"`{binary} --version` failed: {out.stderr.strip()[:300]}")
    return out.stdout.strip().split()[0] if out.stdout.strip() else "unknown"


def _root_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), f"/{name}"]
        elif host.is_dir():
            args += ["--ro-bind", str(host), f"/{name}"]
    return args


class ClaudeCodeAssistant:
    """See the module docstring."""

    def __init__(self, model: str | None = None, *, binary: str = "claude",
                 isolation: str = "bwrap", timeout_s: float = 900.0, retries: int = 2,
                 backoff_s: float = 5.0, per_attempt_usd: float = 2.0,
                 env: Mapping[str, str] | None = None, budget: Budget | None = None) -> None:
        if isolation not in ("bwrap", "none"):
            raise ValueError(f"isolation {isolation!r}: use 'bwrap' or 'none'")
        self.model = model
        self.id = f"claude-code:{model}" if model else "claude-code"
        self.env = dict(env or {})
        self.cli = cli_version(binary, self.env)
        self.binary = os.path.realpath(find_cli(binary) or binary)
        self.version = f"{self.cli}/{model or 'default'}"
        self.isolation = isolation
        self.timeout_s = timeout_s
        self.retries = retries
        self.backoff_s = backoff_s
        self.per_attempt_usd = per_attempt_usd
        self.budget = budget
        if isolation == "bwrap" and shutil.which("bwrap") is None:
            raise ClaudeCodeError("bubblewrap is not installed (apt-get install bubblewrap)")

    def use_budget(self, budget: Budget) -> None:
        """Cap the run's spending: each attempt gets ``--max-budget-usd`` from what is left."""
        self.budget = budget

    @property
    def isolation_note(self) -> str:
        """What confines the agent, for the attempt's meta."""
        fs = ("bwrap: unprivileged uid, read-only /usr+/etc, workspace the only writable dir, "
              "tmpfs HOME, network shared for the API" if self.isolation == "bwrap"
              else "none: runs as this user in a temporary workspace copy")
        return f"tools {TOOLS} only (no Bash: no model-written code runs); {fs}"

    def command(self, prompt: str, system: str, max_usd: float | None) -> list[str]:
        """The CLI command line (without the isolation wrapper)."""
        cmd = [self.binary, "-p", prompt, "--output-format", "json", "--tools", TOOLS,
               "--allowedTools", TOOLS, "--permission-mode", "dontAsk",
               "--append-system-prompt", system, "--no-session-persistence"]
        if self.model:
            cmd += ["--model", self.model]
        if max_usd is not None:
            cmd += ["--max-budget-usd", f"{max_usd:.4f}"]
        return cmd

    def environment(self, home: str) -> dict[str, str]:
        """The CLI's whole environment: PATH, HOME, the API settings and the quiet switches."""
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8",
               "TMPDIR": "/tmp"}
        env.update({k: os.environ[k] for k in PASS_ENV if k in os.environ})
        env.update(self.env)
        env.update(QUIET_ENV)
        return env

    def wrap(self, cmd: list[str], work: Path, env: dict[str, str]) -> tuple[list[str], str]:
        """(argv, cwd) running ``cmd`` under the chosen isolation."""
        if self.isolation == "none":
            return cmd, str(work)
        envs: list[str] = []
        for k, v in env.items():
            envs += ["--setenv", k, v]
        binds: list[str] = []
        bin_dir = os.path.dirname(self.binary)
        if not bin_dir.startswith("/usr/"):
            binds = ["--ro-bind", bin_dir, bin_dir]
        # the CLI's own directory is bound after the tmpfs mounts, which would hide it
        # when the project lives under /tmp or /home
        bwrap = ["bwrap", "--unshare-all", "--share-net", "--die-with-parent", "--new-session",
                 *_root_binds(), "--proc", "/proc", "--dev", "/dev",
                 "--tmpfs", "/tmp", "--tmpfs", "/home", "--dir", env["HOME"], *binds,
                 "--bind", str(work), INSIDE,
                 "--clearenv", *envs, "--chdir", INSIDE, "--"]
        if os.geteuid() != 0:
            return [*bwrap, *cmd], str(work)
        drop = ["setpriv", f"--reuid={AGENT_UID}", f"--regid={AGENT_UID}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--"]
        return [*drop, *bwrap, *cmd], str(work)

    def attempt(self, task: Task, sample: int, night: str) -> Attempt:
        """Run the CLI on a workspace copy, retrying infra failures."""
        start = time.monotonic()
        last: dict[str, str] = {}
        for n in range(self.retries + 1):
            held = self._reserve()
            if held is None:
                return self._attempt(task, sample, {}, infra=COST_CAP_REACHED)
            files, meta, infra, cost = self.run_once(task, held if self.budget else None)
            if self.budget is not None:
                self.budget.settle(held, cost)
            meta["tries"] = str(n + 1)
            if infra is None:
                return self._attempt(task, sample, meta, files=files, start=start)
            last = {**meta, "infra": infra}
            if n < self.retries:
                time.sleep(self.backoff_s * 2 ** n)
        return self._attempt(task, sample, last, infra=last["infra"], start=start)

    def _reserve(self) -> float | None:
        if self.budget is None:
            return 0.0
        amount = min(self.per_attempt_usd, self.budget.remaining_usd)
        if amount < 0.01 or not self.budget.reserve(amount):
            return None
        return amount

    def run_once(self, task: Task, max_usd: float | None
                 ) -> tuple[Files, dict[str, str], str | None, float]:
        """One CLI run: (files left, meta, infra error or None, dollars spent)."""
        prompt = render(task, "agentic")
        with tempfile.TemporaryDirectory(prefix="codecanary-cc-") as tmp:
            root = Path(tmp)
            work = root / "workspace"
            work.mkdir()
            write_tree(work, task.workspace)
            home = "/home/agent" if self.isolation == "bwrap" else str(root / "home")
            if self.isolation == "bwrap" and os.geteuid() == 0:
                os.chmod(root, 0o711)
                for p in [work, *work.rglob("*")]:
                    os.chown(p, AGENT_UID, AGENT_UID, follow_symlinks=False)
            elif self.isolation == "none":
                Path(home).mkdir()
            env = self.environment(home)
            argv, cwd = self.wrap(self.command(prompt.user, prompt.system, max_usd), work, env)
            raw, infra = _run(argv, cwd, env, self.timeout_s)
            files = _collect(work)
        meta = {"isolation": self.isolation_note, "cli_version": self.cli}
        if infra is not None:
            return files, meta, infra, 0.0
        return _interpret(raw, files, meta)

    def _attempt(self, task: Task, sample: int, meta: dict[str, str], *,
                 files: Files | None = None, infra: str | None = None,
                 start: float | None = None) -> Attempt:
        meta = dict(meta)
        transcript = meta.pop("result", "")
        return Attempt(
            task_id=task.id, assistant=self.id, version=self.version, sample=sample,
            files=(files or {}) if infra is None else {}, transcript=transcript,
            prompt_tokens=int(meta.get("input_tokens", "0")),
            completion_tokens=int(meta.get("output_tokens", "0")),
            cost_usd=float(meta.get("cost_usd", "0")),
            latency_s=time.monotonic() - start if start else 0.0, infra_error=infra,
            meta=meta)


def _run(argv: list[str], cwd: str, env: dict[str, str],
         timeout_s: float) -> tuple[str, str | None]:
    """Run the CLI in its own process group; (stdout, infra error or None)."""
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "", f"claude CLI timed out after {timeout_s:.0f}s"
    if not out.strip():
        return out, f"claude CLI exited {proc.returncode} without a result: {err.strip()[-400:]}"
    return out, None


def _collect(work: Path) -> Files:
    """Every regular file the agent left in the workspace (symlinks are not followed)."""
    names: list[str] = []
    for dirpath, dirnames, filenames in os.walk(work):
        dirnames[:] = [d for d in dirnames if d not in (".claude", ".git")]
        names += [os.path.relpath(os.path.join(dirpath, f), work) for f in filenames]
    return read_artifacts_dir(work, sorted(names)[:MAX_FILES])


def _interpret(raw: str, files: Files, meta: dict[str, str]
               ) -> tuple[Files, dict[str, str], str | None, float]:
    """Read the CLI's JSON result; an API error it reports is an infra error."""
    try:
        res: dict[str, Any] = json.loads(raw.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return files, meta, f"claude CLI printed no JSON result: {raw[:300]!r}", 0.0
    usage = res.get("usage") or {}
    cost = float(res.get("total_cost_usd") or 0.0)
    meta.update({
        "subtype": str(res.get("subtype")), "turns": str(res.get("num_turns", 0)),
        "cost_usd": f"{cost:.6f}", "session_id": str(res.get("session_id", "")),
        "input_tokens": str(sum(int(usage.get(k) or 0) for k in (
            "input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"))),
        "output_tokens": str(int(usage.get("output_tokens") or 0)),
        "models": ",".join(sorted(res.get("modelUsage") or {})),
        "result": str(res.get("result", "")),
        "permission_denials": str(len(res.get("permission_denials") or [])),
    })
    status = res.get("api_error_status")
    crashed = res.get("subtype") == "error_during_execution"
    if res.get("is_error") and (status is not None or crashed):
        return files, meta, f"claude CLI: API error {status}: {str(res.get('result'))[:300]}", cost
    return files, meta, None, cost


def status() -> tuple[bool, str]:
    """Whether ``claude-code`` can run here (the CLI answers ``--version``), and why not."""
    try:
        return True, f"claude {cli_version()} at {find_cli()}"
    except ClaudeCodeError as exc:
        return False, str(exc)


@assistant_family("claude-code", examples=("claude-code", "claude-code:<model>"), status=status,
                  capabilities=Capabilities(cost=True))
def make_claude_code(arg: str | None) -> ClaudeCodeAssistant:
    """Factory for ``claude-code[:<model>]`` (API key and base URL from ANTHROPIC_*)."""
    return ClaudeCodeAssistant(arg)
