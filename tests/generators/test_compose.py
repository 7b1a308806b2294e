"""The compose operators: two seed tasks of one cell merged into one child.

Structure first (no sandbox): the child asks for both parts, merges both
references and keeps both parents' tests and hand-written mutants, renames a
private clash, and refuses pairs that cannot be merged soundly. Then real
children go through the real gate in the bubblewrap sandbox (reference 3 runs,
every mutant killed, mutation score >= 0.8), and a composed child is composed
and mutated again.
"""

from __future__ import annotations

import ast
import random
from dataclasses import replace

import pytest

from codecanary.tasks import default_suite_dir, load_suite
from codecanary.types import WEAKNESSES
from generators.mutators import KnownTasks, Mutation, depth_of, gate, mutators_for, propose
from generators.mutators.compose import Compose
from sandbox.bwrap import BwrapSandbox

SEEDS, _ = load_suite([default_suite_dir()])
BY_NAME = {t.name: t for t in SEEDS if t.language == "python"}


def compose_op(area: str) -> Compose:
    op = next(m for m in mutators_for(area, "python") if getattr(m, "pairs", False))
    assert isinstance(op, Compose)
    return op


def pair(a: str, b: str) -> Mutation:
    parent, partner = BY_NAME[a], BY_NAME[b]
    child = compose_op(parent.area).pair(parent, partner, random.Random(1))
    assert child is not None, (a, b)
    return child


def top_names(source: str) -> set[str]:
    return {n.name for n in ast.parse(source).body
            if isinstance(n, ast.FunctionDef | ast.ClassDef)}


def test_one_compose_operator_per_area_offered_in_every_cell() -> None:
    for area in (a for a in WEAKNESSES if a != "borrow-checking"):  # Python only: no Rust yet
        ops = [m for m in mutators_for(area, "python") if getattr(m, "pairs", False)]
        assert [m.name for m in ops] == [f"{area}/compose"]
        assert ops[0].weakness[0] == area
        assert ops[0].propose(SEEDS[0], random.Random(1)) is None  # needs a partner
    for area, lang in (("borrow-checking", "rust"), ("null-handling", "rust")):
        assert not any(getattr(m, "pairs", False) for m in mutators_for(area, lang))


def test_child_asks_for_both_parts_and_keeps_both_tests_and_mutants() -> None:
    parent, partner = BY_NAME["event-bus"], BY_NAME["inventory-aliasing"]
    m = pair("event-bus", "inventory-aliasing")
    child = m.task
    assert child.parent == parent.id and child.operator == m.operator == "state-management/compose"
    assert m.params["partner"] == partner.id and m.params["depth"] == 1 == depth_of(child)
    assert child.origin == "generated" and child.area == parent.area
    assert set(partner.weakness) <= set(child.weakness)
    # implement + repair: an implement child whose prompt says each part's kind
    assert (parent.kind, partner.kind, child.kind) == ("implement", "repair", "implement")
    assert parent.prompt.strip().splitlines()[-1] in child.prompt
    assert partner.prompt.strip().splitlines()[-1] in child.prompt
    assert "Part 1: " + parent.title in child.prompt and "has a bug" in child.prompt
    entry = child.entry_point
    names = top_names(child.reference[entry])
    assert top_names(parent.reference[entry]) | top_names(partner.reference[entry]) <= names
    assert top_names(partner.workspace[entry]) <= top_names(child.workspace[entry])
    assert child.tests == {**parent.tests, **partner.tests}
    assert set(child.mutants) == set(parent.mutants) | set(partner.mutants)
    for name in partner.mutants:  # a partner mutant is overlaid on the parent's reference
        bad = child.mutants[name][entry]
        assert parent.reference[entry].strip() in bad and bad != child.reference[entry]
    assert child.limits.time_s == parent.limits.time_s + partner.limits.time_s


def test_private_clash_is_renamed_in_the_partner_only() -> None:
    m = pair("slugify-rules", "username-rules")
    assert m.params["renamed"] == {"RESERVED": "RESERVED2"}
    entry = m.task.entry_point
    ref = m.task.reference[entry]
    ast.parse(ref)
    assert BY_NAME["slugify-rules"].reference[entry].strip() in ref
    assert "RESERVED2" in ref and ref.count("RESERVED2") == 2  # bound once, used once
    assert top_names(m.task.workspace[entry]) == {"slugify", "violations"}
    for files in m.task.mutants.values():
        assert "RESERVED2" in files[entry]
    assert m.task.kind == "implement"


def test_pairs_that_cannot_be_merged_are_refused() -> None:
    op = compose_op("boundaries")
    paginate = BY_NAME["paginate"]
    rng = random.Random(1)
    rust = next(t for t in SEEDS if t.language == "rust" and t.area == "boundaries")
    assert op.pair(paginate, rust, rng) is None                      # different languages
    assert op.pair(paginate, paginate, rng) is None                  # the same task
    assert op.pair(paginate, BY_NAME["windows-and-pagination"], rng) is None  # both: paginate()
    assert op.pair(BY_NAME["shipping-label"], paginate, rng) is None  # parent of another cell
    moved = replace(BY_NAME["range-compress"], entry_point="lib.py")
    assert op.pair(paginate, moved, rng) is None                     # other entry point
    two_files = replace(BY_NAME["range-compress"],
                        reference={**BY_NAME["range-compress"].reference, "util.py": "X = 1\n"})
    assert op.pair(paginate, two_files, rng) is None
    # a clash the partner's prompt names cannot be renamed
    slug, user = BY_NAME["slugify-rules"], BY_NAME["username-rules"]
    said = replace(user, prompt=user.prompt + "\nKeep the `RESERVED` set as it is.\n")
    assert compose_op(slug.area).pair(slug, said, rng) is None
    # an import bound to another object on each side
    src, theirs = paginate.reference["solution.py"], BY_NAME["range-compress"]
    imports = replace(theirs, reference={
        "solution.py": "from os import path\n" + theirs.reference["solution.py"]})
    other = replace(paginate, id="other", reference={"solution.py": "from sys import path\n" + src})
    assert op.pair(other, imports, rng) is None
    assert op.pair(paginate, theirs, rng) is not None  # the same pair without the imports


@pytest.fixture(scope="module")
def gated(sandbox: BwrapSandbox) -> dict[str, Mutation]:
    """Composed children of two cells that went through the real gate (slow: ~40 s each)."""
    known = KnownTasks(SEEDS)
    out = {}
    for a, b in (("event-bus", "inventory-aliasing"), ("username-rules", "slugify-rules")):
        m = pair(a, b)
        r = gate(sandbox, m, known)
        v = r.validation
        assert r.accepted, (a, b, r.reason)
        assert v is not None and v.reference_runs == [True, True, True]
        assert all(v.mutants_killed.values()) and len(v.mutants_killed) == len(m.task.mutants)
        assert v.auto_total and v.auto_killed / v.auto_total >= 0.8
        known.add(m.task, r.fingerprint)
        out[a] = m
    return out


def test_composed_children_pass_the_gate(gated: dict[str, Mutation]) -> None:
    assert {m.operator for m in gated.values()} == {"state-management/compose",
                                                   "contextual-amnesia/compose"}


def test_a_composed_child_is_composed_and_mutated_again(gated: dict[str, Mutation],
                                                       sandbox: BwrapSandbox) -> None:
    child = gated["username-rules"].task
    third = BY_NAME["duration-format"]
    again = compose_op(child.area).pair(child, third, random.Random(2))
    assert again is not None
    assert again.params["depth"] == 2 == depth_of(again.task)
    assert again.task.parent == child.id and again.params["partner"] == third.id
    assert set(again.task.tests) == set(child.tests) | set(third.tests)
    r = gate(sandbox, again, KnownTasks([*SEEDS, child]))
    assert r.accepted, r.reason
    # the child of a one-parent operator continues the lineage as usual
    single = propose(child, child.area, random.Random(3))
    assert single is not None and single.params["depth"] == 2
    assert single.task.name.startswith(BY_NAME["username-rules"].name + "-g2-")
    assert compose_op(child.area).pair(child, BY_NAME["username-rules"], random.Random(2)) is None
