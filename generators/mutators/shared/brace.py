"""Shared machinery of the JavaScript, C++ and Java task mutation operators.

The operators of :mod:`generators.mutators.javascript`, :mod:`~generators.mutators.cpp`
and :mod:`~generators.mutators.java` *extend* a parent the way the Rust ones do
(:mod:`generators.mutators.rust._extend`); each language's ``_extend`` module binds
these functions to its language: one new function is added to
the reference entry point (and to every parent mutant, so they stay mutants of
the child), a stub that loads or compiles but throws "not implemented" to the
workspace, a new hidden test file, a prompt section, and hand-written mutants
with the area's classic mistake. How the function is added depends on the
language:

* JavaScript (CommonJS, ``module.exports = {...}``): the function is appended
  and exported with ``module.exports.<name> = <name>;``; tests live in a new
  ``tests/<name>.test.js`` that ``require``\\ s the entry point (``node --test``).
* C++: appended to the single translation unit, with its own ``#include``\\ s
  (repeated includes are harmless); tests in a new ``tests/<name>_tests.cpp``
  that the runner includes after the solution (``TEST``/``CHECK_EQ``).
* Java: a ``static`` method inserted before the last ``}`` of the entry file's
  public class, with fully qualified type names (a second ``import`` of a name
  the parent imports would be harmless, but an import placed mid-file is not
  valid Java); tests in a new ``tests/<Name>Test.java`` run by ``CcRunner``.

Snippets are :class:`string.Template` text (``$fn``, ``$seed``): ``$`` is rare
in these languages (JavaScript template literals are avoided in snippets), so
the code stays readable. Nothing here runs task code.
"""

from __future__ import annotations

import re
from string import Template

from codecanary.types import Task
from generators.mutators.base import Mutation, depth_of, derive
from generators.mutators.shared.text import indent_body, unique_path

ENTRY = {"javascript": ".js", "cpp": ".cpp", "java": ".java"}


def code(text: str, **values: object) -> str:
    """``text`` dedented, with ``$name`` placeholders filled in."""
    return Template(indent_body(text)).substitute({k: str(v) for k, v in values.items()})


def applies(parent: Task, language: str) -> bool:
    """Whether ``parent`` is a ``language`` task whose entry point these operators extend."""
    entry = parent.entry_point
    if parent.language != language or not entry.endswith(ENTRY[language]):
        return False
    if entry not in parent.reference or "/" in entry:
        return False
    text = parent.reference[entry]
    if language == "javascript":
        return "module.exports" in text and "export " not in text
    if language == "java":
        return re.search(r"public\s+(final\s+)?class\s+" + re.escape(_java_class(entry)),
                         text) is not None
    return True


def taken(parent: Task) -> str:
    """All the parent's code and test file names, to keep new names fresh."""
    parts = [*parent.reference.values(), *parent.workspace.values(), *parent.tests.values(),
             *parent.tests]
    parts += [text for files in parent.mutants.values() for text in files.values()]
    return "\n".join(parts)


def fresh(parent: Task, *bases: str) -> str:
    """A fresh identifier: the first of ``bases`` (numbered if needed) unused by ``parent``."""
    text = taken(parent)

    def free(name: str) -> bool:
        return not any(re.search(rf"\b{re.escape(n)}\b", text)
                       for n in (name, java_test_class(name)))

    for base in bases:
        if free(base):
            return base
    n = 2
    while not free(f"{bases[0]}{n}"):
        n += 1
    return f"{bases[0]}{n}"


def _java_class(entry: str) -> str:
    return entry.rsplit("/", 1)[-1].removesuffix(".java")


def add(language: str, entry: str, text: str, more: str) -> str:
    """``text`` (a file of ``entry``) with the function ``more`` added (see the docstring)."""
    if language == "java":
        end = text.rstrip().rfind("}")
        if end < 0:
            raise ValueError(f"{entry}: no closing brace to insert a method before")
        body = "".join(f"    {line}" if line else "" for line in more.splitlines(True))
        return text[:end].rstrip("\n") + "\n\n" + body + text[end:]
    out = text.rstrip("\n") + "\n\n" + more
    if language == "javascript":
        name = re.search(r"^(?:async\s+)?(?:function|class)\s+(\w+)", more, re.M)
        if name is None:
            raise ValueError("a JavaScript extension must define a function or a class")
        out += f"\nmodule.exports.{name.group(1)} = {name.group(1)};\n"
    return out


def test_path(language: str, fn: str) -> str:
    """Path (under ``tests/``) of the new hidden test file for function ``fn``."""
    if language == "javascript":
        return f"{fn}.test.js"
    if language == "cpp":
        return f"{fn}_tests.cpp"
    return f"{java_test_class(fn)}.java"


def java_test_class(fn: str) -> str:
    """The Java test class for method ``fn`` (the runner runs classes named ``*Test``)."""
    return fn[:1].upper() + fn[1:] + "Test"


def extend(parent: Task, operator: str, weakness: tuple[str, ...], params: dict[str, object],
           section: str, good: str, stub: str, tests: str, bad: dict[str, str]) -> Mutation:
    """The child of ``parent`` with ``good`` (reference), ``stub`` (workspace), ``tests``
    (a new test file named after ``params["new"]``), a prompt ``section`` and one
    hand-written mutant per ``bad`` entry (slug -> the code added instead of ``good``)."""
    lang, entry = parent.language, parent.entry_point
    fn = str(params["new"])
    reference = {**parent.reference, entry: add(lang, entry, parent.reference[entry], good)}
    workspace = dict(parent.workspace)
    if entry in workspace:
        workspace[entry] = add(lang, entry, workspace[entry], stub)
    mutants: dict[str, dict[str, str]] = {}
    for name, files in parent.mutants.items():
        mutants[name] = ({**files, entry: add(lang, entry, files[entry], good)}
                         if entry in files else files)
    for slug, wrong in bad.items():
        if wrong == good:
            raise ValueError(f"{operator}: mutant {slug!r} is the reference")
        mutants[unique_path({f"{k}.x": "" for k in mutants}, f"{slug}.x")[:-2]] = {
            entry: add(lang, entry, parent.reference[entry], wrong)}
    path = test_path(lang, fn)
    if path in parent.tests:
        raise ValueError(f"{operator}: test file {path} exists in the parent")
    depth = depth_of(parent) + 1
    prompt = (parent.prompt.rstrip("\n") + f"\n\n## Additional requirement ({depth})\n\n"
              + section.strip() + "\n")
    return derive(parent, operator, params, prompt=prompt, workspace=workspace,
                  reference=reference, tests={**parent.tests, path: tests}, mutants=mutants,
                  weakness=weakness)
