"""Golden test: every registered task mutator produces byte-identical children.

The mutators were reorganised (one layout ``generators/mutators/<language>/<area>.py``,
templates as module constants); this test pins what they produce so the layout can
change without the behaviour changing. For every registered operator, every seed
task (and the mini suite) of a language it takes, and a few fixed rng seeds, the
child task (and its child by the same operator: depth 2) is hashed as canonical
JSON together with the operator name and params; the compositions (``pair``) are
pinned the same way for every ordered pair of Python seeds. The per-child hashes
are folded into one digest per operator (and a count of children), recorded from
the code before the reorganisation into ``tests/fixtures/mutators_golden.json``,
so a failure names the operator whose children changed.

To re-record after an *intended* change of behaviour::

    PYTHONPATH=$PWD .venv/bin/python -m tests.generators.test_mutators_golden
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import random
from pathlib import Path

from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import Task
from generators.mutators import Mutation, all_mutators
from tests.conftest import MINI_SUITE
from tests.generators.test_mutators import GREET

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "mutators_golden.json"
RNG_SEEDS = (0, 1, 7)


def _digest(m: Mutation | None) -> str | None:
    """sha256 of the child's canonical JSON (task, operator, params); None stays None."""
    if m is None:
        return None
    blob = json.dumps({"task": dataclasses.asdict(m.task), "operator": m.operator,
                       "params": m.params}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def _parents() -> list[Task]:
    tasks, _ = load_suite([default_suite_dir(), MINI_SUITE])
    tasks.append(GREET)  # the suite has no function with a non-None, non-False default
    return sorted(tasks, key=lambda t: (t.language, t.name, t.id))


@functools.cache
def record() -> dict[str, str | None]:
    """Every (operator, parent, seed) -> hash of the child and of its depth-2 child."""
    parents = _parents()
    out: dict[str, str | None] = {}
    for op in all_mutators():
        for parent in parents:
            if parent.language not in op.languages:
                continue
            for seed in RNG_SEEDS:
                rng = random.Random(seed)
                child = op.propose(parent, rng)
                key = f"{op.name}|{parent.name}|{parent.id[:8]}|{seed}"
                out[key] = _digest(child)
                if child is not None:
                    out[key + "|depth2"] = _digest(op.propose(child.task, rng))
            if getattr(op, "pairs", False):
                for partner in parents:
                    m = op.pair(parent, partner, random.Random(0))  # type: ignore[attr-defined]
                    if m is not None:
                        out[f"{op.name}|{parent.name}+{partner.name}|pair"] = _digest(m)
    return out


def per_operator(hashes: dict[str, str | None]) -> dict[str, dict[str, object]]:
    """Operator -> number of children made and one digest over all its (key, hash) rows."""
    rows: dict[str, list[str]] = {}
    for key in sorted(hashes):
        rows.setdefault(key.split("|")[0], []).append(f"{key}={hashes[key]}")
    return {op: {"children": sum(not r.endswith("=None") for r in lines),
                 "digest": hashlib.sha256("\n".join(lines).encode()).hexdigest()}
            for op, lines in rows.items()}


def test_children_are_byte_identical_to_the_recorded_ones() -> None:
    expected = json.loads(GOLDEN.read_text())
    got = per_operator(record())
    assert sorted(got) == sorted(expected), "the set of operators changed"
    changed = [op for op in sorted(expected) if got[op] != expected[op]]
    assert not changed, f"children differ for {changed}"


def test_a_changed_child_changes_the_digest() -> None:
    hashes = record()
    key = next(k for k, v in sorted(hashes.items()) if v is not None)
    before = per_operator(hashes)[key.split("|")[0]]
    after = per_operator({**hashes, key: "0" * 64})[key.split("|")[0]]
    assert before["children"] == after["children"] and before["digest"] != after["digest"]


def test_the_golden_file_covers_every_operator_with_real_children() -> None:
    expected = json.loads(GOLDEN.read_text())
    assert {op.name for op in all_mutators()} == set(expected)
    assert all(row["children"] > 0 for row in expected.values()), expected


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(per_operator(record()), indent=1, sort_keys=True) + "\n")
