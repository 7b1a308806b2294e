"""``unsafe-local``: runs code directly on the host, for development only.

It gives no isolation at all, which is why it must be chosen explicitly
(``--sandbox unsafe-local``) and is never a default.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from codecanary.registry import register
from codecanary.types import Execution, Files, Limits
from sandbox.base import cap, read_artifacts_dir, write_tree
from sandbox.process import run_capped
from sandbox.toolchains import python_executable


@register("sandbox", "unsafe-local")
class UnsafeLocalSandbox:
    """No isolation: a temporary directory and a wall-clock limit, nothing more."""

    name = "unsafe-local"
    host_toolchains = True

    def run(
        self,
        files: Files,
        command: Sequence[str],
        limits: Limits,
        *,
        collect: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> Execution:
        """Run ``command`` in a temporary directory holding ``files``."""
        work = Path(tempfile.mkdtemp(prefix="codecanary-local-"))
        try:
            write_tree(work, files)
            # A bare `python3` is the sandbox's Python runtime, as in the real sandboxes.
            full_env = {"PATH": f"{Path(python_executable()).parent}:{os.environ.get('PATH', '')}",
                        "HOME": str(work), "LANG": "C.UTF-8", **(env or {})}
            argv = ["/bin/sh", "-c", f'cd {work} && exec "$@"', "sh", *command]
            raw = run_capped(lambda _fd: argv, timeout_s=limits.time_s,
                             output_cap=limits.output_bytes, env=full_env)
            verdict = (
                "timeout" if raw.timed_out
                else "output-limit" if raw.output_exceeded
                else "killed" if raw.returncode < 0
                else "ok"
            )
            return Execution(
                exit_code=raw.returncode,
                verdict=verdict,  # type: ignore[arg-type]
                stdout=cap(raw.stdout, limits.output_bytes),
                stderr=cap(raw.stderr, limits.output_bytes),
                duration_s=raw.duration_s,
                artifacts=read_artifacts_dir(work, collect),
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
