"""The Rust ``extend`` helper: how a Rust task mutation operator grows a task.

The operators of :mod:`.null_handling`, :mod:`.concurrency` and
:mod:`.boundaries` all *extend* a Rust parent the same way: an item (a
function or a type) is appended to the reference entry point (and to every
parent mutant, so they stay mutants of the child), its ``todo!()`` stub to the
workspace, ``#[test]`` functions to ``tests/tests.rs`` and one or more
hand-written mutants with the area's classic mistake. Everything appended
spells paths out in full (``std::collections::HashMap``) because a second
``use`` of a name the parent already imports would not compile.

Rust snippets are written as :class:`string.Template` text (``$fn``,
``$seed``): Rust has no ``$`` outside macros, so the code stays readable
instead of doubling every brace of an f-string. Nothing here runs task code.
"""

from __future__ import annotations

from string import Template

from codecanary.types import Task
from generators.mutators.base import Mutation, depth_of, derive
from generators.mutators.shared.text import indent_body, unique_path

RNG = """\
    let mut state: u64 = $seed;
    let mut next = move |n: u64| -> u64 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
"""
"""A xorshift generator as a closure ``next(n) -> 0..n`` (body of a ``#[test]`` fn)."""


def rust(code: str, **values: object) -> str:
    """``code`` dedented, with ``$name`` placeholders (and ``$rng``) filled in."""
    text = indent_body(code)
    if "$rng" in text:
        text = text.replace("$rng", Template(RNG).substitute(seed=values["seed"]).strip())
    return Template(text).substitute({k: str(v) for k, v in values.items()})


def tests_file(parent: Task) -> str | None:
    """The parent's in-language test file (``#[test]`` functions over the solution)."""
    for path, text in sorted(parent.tests.items()):
        if path.endswith(".rs") and "use crate::solution::*" in text and "driver" not in path:
            return path
    return None


def applies(parent: Task) -> bool:
    """Whether ``parent`` is a Rust task these operators can extend."""
    return (parent.language == "rust" and parent.entry_point.endswith(".rs")
            and parent.entry_point in parent.reference and tests_file(parent) is not None)


def taken(parent: Task) -> str:
    """All the parent's code (reference, workspace, tests, mutants), to keep names fresh."""
    parts = [*parent.reference.values(), *parent.workspace.values(), *parent.tests.values()]
    parts += [text for files in parent.mutants.values() for text in files.values()]
    return "\n".join(parts)


def _plus(text: str, more: str) -> str:
    return text.rstrip("\n") + "\n\n" + more


def extend(parent: Task, operator: str, weakness: tuple[str, ...], params: dict[str, object],
           section: str, code: str, stub: str, tests: str, bad: dict[str, str]) -> Mutation:
    """The child of ``parent`` with ``code`` (reference), ``stub`` (workspace), ``tests``
    (appended to the parent's ``tests.rs``), a prompt ``section`` and one hand-written
    mutant per ``bad`` entry (slug -> the code appended instead of ``code``)."""
    entry = parent.entry_point
    path = tests_file(parent) or "tests.rs"
    reference = {**parent.reference, entry: _plus(parent.reference[entry], code)}
    workspace = dict(parent.workspace)
    if entry in workspace:
        workspace[entry] = _plus(workspace[entry], stub)
    mutants: dict[str, dict[str, str]] = {}
    for name, files in parent.mutants.items():
        mutants[name] = {**files, entry: _plus(files[entry], code)} if entry in files else files
    for slug, wrong in bad.items():
        if wrong == code:
            raise ValueError(f"{operator}: mutant {slug!r} is the reference")
        mutants[unique_path({k: "" for k in mutants}, f"{slug}.rs")[:-3]] = {
            entry: _plus(parent.reference[entry], wrong)}
    depth = depth_of(parent) + 1
    all_tests = {**parent.tests, path: _plus(parent.tests[path], tests)}
    prompt = (parent.prompt.rstrip("\n") + f"\n\n## Additional requirement ({depth})\n\n"
              + section.strip() + "\n")
    return derive(parent, operator, params, prompt=prompt, workspace=workspace,
                  reference=reference, tests=all_tests, mutants=mutants, weakness=weakness)
