"""The Python ``extend`` helper: how a Python task mutation operator grows a task.

Most Python operators pick one public top-level function ``f`` of the parent's
reference and *extend* the task around it: new code that calls ``f`` is
appended to the reference (and to every hand-written mutant, so they stay
mutants of the child), a stub of it to the workspace, a section to the prompt,
a hidden test file to the tests, and a hand-written mutant with the classic
mistake of the weakness area. The new tests usually replace ``f`` by a fake
through ``monkeypatch`` (the new code must look ``f`` up at call time, as any
plain Python call does), so they check the new contract whatever ``f`` means;
the parent's tests keep checking ``f`` itself. Operators that change ``f``
itself (a ``None`` guard, a renamed function) edit its source with :mod:`ast`
positions. Nothing here runs task code.
"""

from __future__ import annotations

import ast
import random
from dataclasses import dataclass, field

from codecanary.types import Task
from generators.mutators.base import Mutation, depth_of, derive
from generators.mutators.shared.text import fresh, indent_body, unique_path

__all__ = ["Extension", "Func", "examples", "extend", "fresh", "functions", "indent_body",
           "module_of", "pick", "stub", "unique_path"]


@dataclass(frozen=True)
class Func:
    """A public top-level function of the reference: name, parameters, defaults."""

    name: str
    params: tuple[str, ...]
    required: int
    defaults: tuple[str, ...]  # source of the defaults of the last len(defaults) params
    varargs: bool
    node_line: int


def module_of(task: Task) -> str:
    """Import name of the entry point (``solution.py`` -> ``solution``)."""
    return task.entry_point.removesuffix(".py").replace("/", ".")


def functions(task: Task) -> list[Func]:
    """Public, synchronous top-level functions of the reference entry point."""
    if task.language != "python" or not task.entry_point.endswith(".py"):
        return []
    try:
        tree = ast.parse(task.reference[task.entry_point])
    except SyntaxError:
        return []
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            a = node.args
            params = tuple(p.arg for p in (*a.posonlyargs, *a.args))
            found.append(Func(node.name, params, len(params) - len(a.defaults),
                              tuple(ast.unparse(d) for d in a.defaults),
                              bool(a.vararg or a.kwarg or a.kwonlyargs), node.lineno))
    return found


def pick(task: Task, rng: random.Random, min_params: int = 0) -> Func | None:
    """One function of the parent (chosen by ``rng``), or None when there is none."""
    funcs = [f for f in functions(task) if len(f.params) >= min_params]
    return rng.choice(funcs) if funcs else None


def examples(task: Task, name: str, limit: int = 8) -> list[tuple[object, ...]]:
    """Literal positional argument tuples of calls to ``name`` in the parent's tests.

    Only calls whose arguments are all literals and that are not inside a
    ``pytest.raises`` block: calls the parent's tests expect to succeed.
    """
    found: list[tuple[object, ...]] = []
    for path in sorted(task.tests):
        if not path.endswith(".py"):
            continue
        try:
            tree = ast.parse(task.tests[path])
        except SyntaxError:
            continue
        raising: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.With) and "raises" in ast.unparse(node.items[0]):
                raising.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in raising or node.keywords:
                continue
            callee = node.func
            called = callee.id if isinstance(callee, ast.Name) else (
                callee.attr if isinstance(callee, ast.Attribute) else None)
            if called != name:
                continue
            try:
                args = tuple(ast.literal_eval(a) for a in node.args)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
            if args not in found and len(repr(args)) < 400:
                found.append(args)
    return found[:limit]


@dataclass(frozen=True)
class Extension:
    """What an extending operator adds to a Python task.

    section: the prompt text (Markdown) describing the new requirement.
    code: appended to the reference entry point (and to every parent mutant).
    stub: appended to the workspace entry point (when the workspace has one).
    test: the new hidden test file's content; test_name its base name.
    bad: the appended code of a hand-written mutant with the area's classic mistake.
    imports: modules the appended code needs (added to the top of the file).
    """

    section: str
    code: str
    stub: str
    test: str
    test_name: str
    bad: str
    params: dict[str, object] = field(default_factory=dict)
    imports: tuple[str, ...] = ()
    title: str = ""


def _with_imports(source: str, imports: tuple[str, ...], code: str) -> str:
    """``source`` + ``code``, with ``import m`` lines added for missing modules."""
    missing = [m for m in imports if f"import {m}\n" not in source]
    head = "".join(f"import {m}\n" for m in missing)
    tail = source if source.endswith("\n") else source + "\n"
    if head:
        lines = tail.splitlines(keepends=True)
        at = _after_docstring_and_future(tail)
        tail = "".join(lines[:at]) + head + "".join(lines[at:])
    return tail + "\n\n" + code


def _after_docstring_and_future(source: str) -> int:
    """Line index after the module docstring and ``from __future__`` imports."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return 0
    at = 0
    for i, node in enumerate(tree.body):
        is_doc = (i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                  and isinstance(node.value.value, str))
        if is_doc or (isinstance(node, ast.ImportFrom) and node.module == "__future__"):
            at = node.end_lineno or at
        else:
            break
    return at


def extend(parent: Task, operator: str, weakness: tuple[str, ...], ext: Extension) -> Mutation:
    """The child of ``parent`` with ``ext`` applied to prompt, code, tests and mutants."""
    entry = parent.entry_point
    reference = dict(parent.reference)
    reference[entry] = _with_imports(reference[entry], ext.imports, ext.code)
    workspace = dict(parent.workspace)
    if entry in workspace:
        workspace[entry] = _with_imports(workspace[entry], ext.imports, ext.stub)
    mutants = {}
    for name, files in parent.mutants.items():
        files = dict(files)
        if entry in files:
            files[entry] = _with_imports(files[entry], ext.imports, ext.code)
        mutants[name] = files
    slug = operator.split("/")[-1].replace("-", "_")
    mutants[f"{slug}-bad"] = {entry: _with_imports(parent.reference[entry], ext.imports, ext.bad)}
    depth = depth_of(parent) + 1
    tests = dict(parent.tests)
    test_path = unique_path(tests, f"test_{ext.test_name}_g{depth}.py")
    tests[test_path] = ext.test
    prompt = (parent.prompt.rstrip("\n") + f"\n\n## Additional requirement ({depth})\n\n"
              + ext.section.strip("\n") + "\n")
    return derive(parent, operator, ext.params, prompt=prompt, workspace=workspace,
                  reference=reference, tests=tests, mutants=mutants, weakness=weakness,
                  title=f"{parent.title} + {ext.title}" if ext.title else None)


def stub(signature: str, doc: str) -> str:
    """A ``NotImplementedError`` stub for the workspace."""
    return f'{signature}\n    """{doc}"""\n    raise NotImplementedError\n'
