"""Differential property test, run *inside* the sandbox (shipped as ``cc_differential.py``).

Usage: ``python cc_differential.py CONFIG RESULTS``. CONFIG (JSON) holds a shell
``build`` command and a ``run`` argv; both are used twice, in the work directory
(the candidate) and in ``.ref/`` (the reference). The task's
``tests/differential.py`` gives a hypothesis ``strategy`` (and optionally
``max_examples`` and ``compare(candidate, reference) -> bool``). Each generated
value goes to both programs as one JSON line on stdin; each answers one JSON
line on stdout. A difference (or a crash, a hang, a non-JSON answer) fails the
property, hypothesis shrinks it, and the shrunk counterexample is written to
RESULTS as one ``failed<TAB>differential<TAB>message`` line (format of
``sandbox.runners.base.parse_result_lines``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import select
import subprocess
import sys
from typing import Any

ANSWER_TIMEOUT_S = 5.0


class Program:
    """One long-running driver process, restarted after a crash or a hang."""

    def __init__(self, argv: list[str], cwd: str) -> None:
        self.argv, self.cwd = argv, cwd
        self.proc: subprocess.Popen[bytes] | None = None

    def ask(self, value: Any) -> tuple[bool, Any]:
        """(answered, answer or problem) for one input."""
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(self.argv, cwd=self.cwd, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(json.dumps(value).encode() + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            return self._dead("exited before reading its input")
        ready, _, _ = select.select([self.proc.stdout], [], [], ANSWER_TIMEOUT_S)
        if not ready:
            return self._dead(f"no answer within {ANSWER_TIMEOUT_S:.0f} s")
        line = self.proc.stdout.readline()
        if not line:
            return self._dead("crashed")
        try:
            return True, json.loads(line)
        except json.JSONDecodeError:
            return False, f"answered non-JSON {line[:200]!r}"

    def _dead(self, why: str) -> tuple[bool, str]:
        self.close()
        return False, why

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def build(command: str, cwd: str) -> str | None:
    """Run the build command; the compiler's output on failure."""
    done = subprocess.run(["/bin/sh", "-c", command], cwd=cwd, capture_output=True, text=True)
    return None if done.returncode == 0 else (done.stderr + done.stdout)[-4000:]


def main(config_path: str, results_path: str) -> int:
    from hypothesis import HealthCheck, given, settings

    with open(config_path) as fh:
        config = json.load(fh)
    spec = importlib.util.spec_from_file_location("differential", "tests/differential.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    compare = getattr(module, "compare", lambda a, b: a == b)
    with open(results_path, "a") as out:
        def report(status: str, message: str) -> int:
            out.write(f"{status}\tdifferential\t{message.replace(chr(9), ' ')}"
                      .replace("\n", "\\n") + "\n")
            return 0 if status == "passed" else 1

        out.write("start\tdifferential\n")
        out.flush()
        for where, label in ((".ref", "reference"), (".", "candidate")):
            problem = build(config["build"], where)
            if problem is not None:
                return report("error", f"the {label} does not build with the driver:\n{problem}")
        cand, ref = Program(config["run"], "."), Program(config["run"], ".ref")
        last: list[str] = []

        @settings(max_examples=int(getattr(module, "max_examples", 100)), deadline=None,
                  database=None, derandomize=True, print_blob=False,
                  suppress_health_check=list(HealthCheck))
        @given(module.strategy)
        def differential(value: Any) -> None:
            ok_r, want = ref.ask(value)
            if not ok_r:
                raise RuntimeError(f"the reference {want} on input {json.dumps(value)}")
            ok_c, got = cand.ask(value)
            if not ok_c or not compare(got, want):
                detail = got if not ok_c else f"answered {json.dumps(got)}"
                last[:] = [f"counterexample: {json.dumps(value)}: the candidate {detail}, "
                           f"the reference answered {json.dumps(want)}"]
                raise AssertionError(last[0])

        try:
            differential()
        except AssertionError:
            return report("failed", last[0] if last else "mismatch")
        except Exception as exc:  # a broken strategy or reference: the task's fault
            return report("error", f"{type(exc).__name__}: {exc}")
        finally:
            cand.close()
            ref.close()
        return report("passed", "")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main(sys.argv[1], sys.argv[2]))
