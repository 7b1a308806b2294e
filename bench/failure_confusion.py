"""Which failure class does each injected fault end up as? (operator x class matrix)

Runs one night of the ``sim`` assistant with every answer faulty (fault rate
1.0) over a suite (default: the seed suite) through the real campaign graph:
bubblewrap sandbox, the review node (classification, re-runs of failing
concurrency answers, the static reviewer), SQLite. Then prints:

* the confusion matrix: fault operator (``Attempt.meta["fault"]``) x failure class;
* whether the key cells hold (dropped lock -> race/wrong-answer, move instead
  of borrow -> a borrow-checker code, dropped None check -> null-handling,
  off-by-one -> wrong-answer), as the share of each operator's attempts;
* the reviewer-vs-tests agreement table.

    .venv/bin/python bench/failure_confusion.py [--tasks DIR ...] [--samples 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.graph import run_campaign  # noqa: E402
from agent.state import Deps  # noqa: E402
from assistants.sim import SimAssistant, parse_profile  # noqa: E402
from codecanary.store import Store  # noqa: E402
from codecanary.tasks import default_suite_dir, load_suite  # noqa: E402
from reviewers.agreement import fault_confusion, night_agreement  # noqa: E402
from reviewers.failures import family  # noqa: E402
from sandbox.bwrap import BwrapSandbox  # noqa: E402

EXPECTED: dict[str, Callable[[str], bool]] = {
    "remove-lock": lambda c: c in ("race", "wrong-answer", "deadlock"),
    "split-atomic": lambda c: c in ("race", "wrong-answer"),
    "move-instead-of-borrow": lambda c: family(c) == "borrow-check",
    "drop-none-check": lambda c: c in ("null-handling", "exception:KeyError"),
    "unwrap-none": lambda c: c == "null-handling",
    "off-by-one": lambda c: c == "wrong-answer",
}
"""Operator -> the classes it should produce (drop-none-check also turns d.get(k, x)
into d[k], which fails as a KeyError)."""
KEY = ("remove-lock", "move-instead-of-borrow", "drop-none-check", "off-by-one")


def run(task_dirs: list[Path], samples: int, workers: int, db: str) -> tuple[Store, int]:
    """One all-faulty sim night over ``task_dirs``; returns the store and campaign id."""
    tasks, errors = load_suite(task_dirs)
    for e in errors:
        print(f"skipped: {e}", file=sys.stderr)
    store = Store(db)
    store.save_tasks(tasks)
    sim = SimAssistant(parse_profile('name = "all-faulty"\ndefault = 1.0\n', "all-faulty.toml"))
    deps = Deps(store=store, sandbox=BwrapSandbox(), assistant=sim,
                tasks={t.id: t for t in tasks}, night="2026-01-01", workers=workers)
    cid = store.start_campaign("nightly", deps.night, sim.id, sim.version, {"bench": True})
    run_campaign(deps, cid, samples=samples)
    return store, cid


def render_matrix(matrix: dict[str, dict[str, int]]) -> str:
    """The matrix as a fixed-width table (operators as rows)."""
    classes = sorted({c for row in matrix.values() for c in row})
    width = max([len(op) for op in matrix] + [8])
    lines = [" " * width + " | " + " | ".join(classes)]
    for op, row in matrix.items():
        cells = [str(row.get(c, 0)).rjust(len(c)) for c in classes]
        lines.append(op.ljust(width) + " | " + " | ".join(cells))
    return "\n".join(lines)


def key_cells(matrix: dict[str, dict[str, int]]) -> dict[str, float]:
    """Operator -> share of its attempts that landed in an expected class."""
    out = {}
    for op, row in matrix.items():
        if op in EXPECTED:
            n = sum(row.values())
            out[op] = sum(v for c, v in row.items() if EXPECTED[op](c)) / n if n else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tasks", nargs="*", type=Path, default=None)
    ap.add_argument("--samples", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    dirs = args.tasks or [default_suite_dir()]
    with tempfile.TemporaryDirectory() as tmp:
        store, cid = run(dirs, args.samples, args.workers, f"sqlite:///{tmp}/bench.db")
        matrix = fault_confusion(store, cid)
        print(f"suite: {', '.join(map(str, dirs))}; samples: {args.samples}; fault rate 1.0\n")
        print("fault operator x failure class (attempts)")
        print(render_matrix(matrix))
        print("\nkey cells: share of each operator's attempts in the expected class")
        for op, share in key_cells(matrix).items():
            mark = "KEY " if op in KEY else "    "
            print(f"  {mark}{op:24s} {100 * share:5.1f}%  (n={sum(matrix[op].values())})")
        missing = [op for op in KEY if op not in matrix]
        if missing:
            print(f"  (not injected on this suite: {', '.join(missing)})")
        print("\nreviewer vs tests")
        for name, c in night_agreement(store, cid)["reviewers"].items():
            print(f"  {name}: flagged&failed {c['flagged_failed']}, flagged&passed "
                  f"{c['flagged_passed']}, passed clean {c['passed_clean']}, failed unflagged "
                  f"{c['failed_unflagged']}, agreement {c['agreement']}, kappa {c['kappa']}")


if __name__ == "__main__":
    main()
