"""Share of generated tasks that pass the gate, per task mutation operator.

Applies each deterministic operator to a random sample of the seed tasks it
applies to (``--per-operator`` of them, drawn with ``--seed``); a pairing
operator (``pairs = True``, the ``<area>/compose`` family) is applied to
ordered (parent, partner) pairs of seed tasks of its cell (area and language),
drawn the same way, and the pairs it refuses are counted apart. It gates every
child in the real bubblewrap sandbox (reference 3 runs, hand-written mutants,
mutation score >= 0.8, near-duplicates against the suite and earlier
children, resource bounds) and prints accepted / proposed per operator, the
rejection reasons, and the overall share. The gate costs one sandboxed test run
per mutant, so the sample is kept small; ``--jsonl`` appends one line per child
so a long run can be read while it goes.

    python bench/mutator_gate_share.py --per-operator 2 [--operators PREFIX ...]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task
from generators.mutators import KnownTasks, Mutation, TaskMutator, all_mutators, gate
from sandbox.bwrap import BwrapSandbox


def candidates(op: TaskMutator, tasks: list[Task], rng: random.Random,
               refused: dict[str, int]) -> Iterator[tuple[str, Mutation]]:
    """(parent description, child) for ``op`` in an order drawn from ``rng``; a pairing
    operator's refusals are counted in ``refused``."""
    parents = [t for t in tasks if t.language in op.languages]
    if not getattr(op, "pairs", False):
        rng.shuffle(parents)
        for parent in parents:
            child = op.propose(parent, random.Random(rng.random()))
            if child is not None:
                yield parent.name, child
        return
    pairs = [(a, b) for a in parents for b in parents
             if a.id != b.id and a.area == b.area == op.weakness[0]
             and a.language == b.language]
    rng.shuffle(pairs)
    for a, b in pairs:
        child = op.pair(a, b, random.Random(rng.random()))  # type: ignore[attr-defined]
        if child is None:
            refused[op.name] = refused.get(op.name, 0) + 1
        else:
            yield f"{a.name}+{b.name}", child


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-operator", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20260601)
    ap.add_argument("--operators", nargs="*", default=[], help="name prefixes to run")
    ap.add_argument("--tasks", type=Path, action="append", default=[])
    ap.add_argument("--jsonl", type=Path, default=None)
    args = ap.parse_args()
    tasks, _errors = load_suite(args.tasks or [default_suite_dir()])
    known = KnownTasks(tasks)
    sandbox = BwrapSandbox()
    rng = random.Random(args.seed)
    totals: dict[str, list[int]] = {}
    reasons: dict[str, list[str]] = {}
    refused: dict[str, int] = {}
    for op in all_mutators():
        if args.operators and not any(op.name.startswith(p) for p in args.operators):
            continue
        for done, (parent_name, child) in enumerate(candidates(op, tasks, rng, refused)):
            if done >= args.per_operator:
                break
            start = time.monotonic()
            result = gate(sandbox, child, known)
            if result.accepted:
                known.add(child.task, result.fingerprint)
            acc = totals.setdefault(op.name, [0, 0])
            acc[0] += result.accepted
            acc[1] += 1
            if not result.accepted:
                reasons.setdefault(op.name, []).append(f"{parent_name}: {result.reason[:160]}")
            v = result.validation
            line = {"operator": op.name, "parent": parent_name, "accepted": result.accepted,
                    "reason": result.reason, "seconds": round(time.monotonic() - start, 1),
                    "mutation": [v.auto_killed, v.auto_total] if v else None}
            print(json.dumps(line), flush=True)
            if args.jsonl:
                with args.jsonl.open("a") as fh:
                    fh.write(json.dumps(line) + "\n")
    print(f"\n{'operator':45s} accepted/proposed  share")
    for name, (a, n) in sorted(totals.items()):
        print(f"{name:45s} {a:>8d}/{n:<8d} {a / n:6.0%}")
    a_all = sum(a for a, _ in totals.values())
    n_all = sum(n for _, n in totals.values())
    if n_all:
        print(f"{'all deterministic operators':45s} {a_all:>8d}/{n_all:<8d} {a_all / n_all:6.0%}")
    for name, n in sorted(refused.items()):
        print(f"{name}: {n} drawn pair(s) refused before the gate (not mergeable)")
    for name, rs in sorted(reasons.items()):
        for r in rs:
            print(f"rejected {name}: {r}")


if __name__ == "__main__":
    main()
