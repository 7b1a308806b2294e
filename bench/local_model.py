"""The local default assistant on this machine: speed, memory, and a whole nightly run.

Measured in one run, side by side:

1. Qwen2.5-Coder-0.5B (Q4_K_M) through llama-cpp-python on one seed task's
   rendered prompt: model load time, prompt tokens per second (prefill),
   completion tokens per second (greedy decode), peak resident memory of this
   process and of the model's worker process.
   Prefill and decode are told apart by a one-token answer (prefill) and a full
   one (the rest is decode).
2. ``codecanary nightly`` with its default settings (the default anchor suite,
   assistant ``local:qwen2.5-coder-0.5b``, default samples), timed end to end
   in a child process with its peak memory, next to the same night with the
   ``sim`` assistant, so the ratio shows what the model costs over the harness.

Usage: ``.venv/bin/python bench/local_model.py [--samples K] [--skip-nightly]``
(the model must be pulled: ``codecanary models pull qwen2.5-coder-0.5b``).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistants.local import LocalAssistant, llama_version
from assistants.models import model_path
from assistants.render import render
from codecanary.tasks import default_suite_dir, load_suite
from generators.anchors import default_anchor_suite

MODEL = "qwen2.5-coder-0.5b"
ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_peak_mb(pid: int) -> float:
    """Peak resident set size of the model's worker process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def model_speed(max_tokens: int) -> None:
    tasks, _ = load_suite([default_suite_dir()])
    task = next(t for t in sorted(tasks, key=lambda t: t.name) if t.language == "python")
    a = LocalAssistant(name=MODEL, path=model_path(MODEL), max_tokens=max_tokens)
    llm = a._model()
    messages = render(task).messages()
    start = time.monotonic()
    prompt_tokens = llm.count_tokens("".join(m["content"] for m in messages))  # starts, loads
    load_s = time.monotonic() - start
    # Prefill is timed by a one-token answer; decode by the rest of a full one.
    start = time.monotonic()
    llm.chat(messages=messages, temperature=0.0, max_tokens=1)
    prefill_s = time.monotonic() - start
    start = time.monotonic()
    out = llm.chat(messages=messages, temperature=0.0, max_tokens=max_tokens)
    total_s = time.monotonic() - start
    done = int(out["usage"]["completion_tokens"])
    decode_s = max(1e-9, total_s - prefill_s)
    pid = llm._proc.pid if llm._proc else 0
    print(f"model      {model_path(MODEL).name} ({model_path(MODEL).stat().st_size / 1e6:.0f} MB),"
          f" llama-cpp-python {llama_version()}, {a.threads} threads, cores {os.cpu_count()}")
    print(f"task       {task.name}: prompt {prompt_tokens} tokens, {done} completion tokens")
    print(f"load       {load_s:.2f} s  (worker process start and model load)")
    print(f"prefill    {prompt_tokens / prefill_s:8.1f} tokens/s  (one-token answer "
          f"{prefill_s:.1f} s)")
    print(f"decode     {(done - 1) / decode_s:8.1f} tokens/s  (greedy, {decode_s:.1f} s)")
    print(f"peak RSS   {rss_mb():.0f} MB this process, {worker_peak_mb(pid):.0f} MB the worker")
    llm.close()


def timed_nightly(assistant: str, samples: int | None, workdir: Path) -> tuple[float, int, float]:
    """(seconds, exit code, peak child RSS MB) of one `codecanary nightly` run."""
    db = workdir / f"{assistant.split(':')[0]}.db"
    cmd = [str(ROOT / ".venv/bin/codecanary"), "nightly", "--assistant", assistant,
           "--db", f"sqlite:///{db}", "--report", str(workdir / "report.html")]
    if samples:
        cmd += ["--samples", str(samples)]
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - start
    if proc.returncode == 2:
        sys.stderr.write(proc.stderr[-2000:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, proc.returncode, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-tokens", type=int, default=256)
    ap.add_argument("--samples", type=int, default=None, help="default: nightly's default")
    ap.add_argument("--skip-nightly", action="store_true")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    model_speed(args.max_tokens)
    if args.skip_nightly:
        return
    tasks = default_anchor_suite().tasks
    with tempfile.TemporaryDirectory(prefix="cc-bench-") as tmp:
        sim_s, sim_rc, _ = timed_nightly("sim", args.samples, Path(tmp))
        loc_s, loc_rc, loc_peak = timed_nightly(f"local:{MODEL}", args.samples, Path(tmp))
    print(f"nightly    default anchor suite, {len(tasks)} tasks, samples "
          f"{args.samples or 'default'}")
    print(f"  sim      {sim_s:8.1f} s  (exit {sim_rc})")
    print(f"  local    {loc_s:8.1f} s  (exit {loc_rc}), peak RSS {loc_peak:.0f} MB")
    print(f"  ratio    local / sim = {loc_s / sim_s:.1f}x")


if __name__ == "__main__":
    main()
