"""Docker backend: a warm exec against a cold ``podman run``, measured side by side.

Each round runs every variant back to back (so all see the same machine load);
medians are printed with the ratio to the warm run. Variants, all running
``python3 -c pass``:

- bare: the host's interpreter, no sandbox (the floor);
- warm run: ``DockerSandbox.run`` into the reused container (one exec: wipe,
  unpack, run under rlimits, kill leftovers, trailer);
- warm raw exec: a plain SDK ``exec_run`` into the same container (the engine's
  own exec cost, without codecanary's wrapper);
- cold ``podman run``: a new container per run with the same hardening flags
  (what a backend without warm containers would pay).

Needs the engine: ``eval "$(bash scripts/docker-engine.sh)"`` first.
Usage: ``python bench/sandbox_docker.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from codecanary.types import Limits
from sandbox.docker import BASE_IMAGE, USER, DockerSandbox

REAL_PY = os.path.realpath(sys.executable)
LIMITS = Limits(time_s=60, memory_mb=512)
CONF = "/etc/codecanary/containers.conf"  # written by scripts/docker-engine.sh


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def check(ok: bool, what: str) -> None:
    if not ok:
        raise SystemExit(f"benchmark workload failed: {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    podman = shutil.which("podman")
    env = {**os.environ, "CONTAINERS_CONF": CONF} if os.path.exists(CONF) else None
    with DockerSandbox() as box:

        def bare() -> None:
            check(subprocess.run([REAL_PY, "-c", "pass"]).returncode == 0, "bare python")

        def warm() -> None:
            e = box.run({}, ["python3", "-c", "pass"], LIMITS)
            check(e.exit_code == 0 and e.verdict == "ok", f"warm run {e.stderr}")

        warm()  # starts the warm container
        container = box.client.containers.get(box.containers()[0])

        def raw_exec() -> None:
            check(container.exec_run(["python3", "-c", "pass"], user=USER).exit_code == 0,
                  "raw exec")

        def cold() -> None:
            assert podman is not None
            argv = [podman, "run", "--rm", "--network=none", "--read-only", "--cap-drop=ALL",
                    "--security-opt=no-new-privileges", f"--user={USER}", "--memory=512m",
                    "--pids-limit=136", "--tmpfs=/box:size=64m,mode=1777,exec", BASE_IMAGE,
                    "python3", "-c", "pass"]
            check(subprocess.run(argv, env=env, capture_output=True).returncode == 0,
                  "podman run")

        variants: dict[str, Callable[[], None]] = {
            "bare python3 -c pass": bare, "warm run (DockerSandbox.run)": warm,
            "warm raw exec (SDK exec_run)": raw_exec}
        if podman:
            variants["cold podman run --rm"] = cold
        for fn in variants.values():
            fn()  # warm caches
        times: dict[str, list[float]] = {k: [] for k in variants}
        for _ in range(args.rounds):
            for label, fn in variants.items():
                times[label].append(timed(fn))
    med = {k: statistics.median(v) for k, v in times.items()}
    ref = med["warm run (DockerSandbox.run)"]
    print(f"docker backend on {box.base_url}; {args.rounds} rounds, medians\n")
    for label, t in med.items():
        print(f"{label:<32} {t * 1000:8.1f} ms   ratio to warm run {t / ref:5.2f}")
    if podman:
        print(f"\ncold podman run / warm run: {med['cold podman run --rm'] / ref:.2f}x")
    else:
        print("\npodman CLI not found: cold run skipped")


if __name__ == "__main__":
    main()
