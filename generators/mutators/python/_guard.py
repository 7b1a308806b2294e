"""Editing a parent's own Python function: a guard first in its body.

The operators that change ``f`` itself (``null-handling/none-passthrough``,
``null-handling/default-on-none``) insert a few lines at the top of its body, in
the reference and in every hand-written mutant alike (so they stay mutants of the
child), at :mod:`ast` positions so the rest of the file is untouched; and they
skip parameters ``f`` already treats as optional. Nothing here runs task code.
"""

from __future__ import annotations

import ast

from codecanary.types import Task


def literal(value: object) -> bool:
    """Whether ``value`` survives ``repr`` then ``literal_eval`` (so a test can embed it)."""
    try:
        return bool(ast.literal_eval(repr(value)) == value)
    except (ValueError, SyntaxError, TypeError):
        return False


def handles_none(source: str, func: str, param: str) -> bool:
    """Whether ``func`` already treats ``param`` as optional (a ``None`` test on it or an
    ``Optional``/``| None`` annotation): then a None requirement would change nothing."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return True
    node = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func),
                None)
    if node is None:
        return True
    for arg in node.args.args + node.args.posonlyargs:
        if arg.arg == param and arg.annotation is not None and (
                "None" in ast.unparse(arg.annotation) or "Optional" in ast.unparse(arg.annotation)):
            return True
    for sub in ast.walk(node):
        if isinstance(sub, ast.Compare):
            names = {n.id for n in ast.walk(sub) if isinstance(n, ast.Name)}
            consts = [c for c in [*sub.comparators, sub.left]
                      if isinstance(c, ast.Constant) and c.value is None]
            if param in names and consts:
                return True
    return False


def insert_guard(source: str, func: str, guard: str) -> str | None:
    """``source`` with ``guard`` (body-level lines) first in ``func``'s body (after its
    docstring); None when ``func`` is not a top-level function of ``source``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    node = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == func),
                None)
    if node is None:
        return None
    body = node.body
    first = body[0]
    has_doc = (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
               and isinstance(first.value.value, str))
    if has_doc and len(body) == 1:
        return None
    target = body[1] if has_doc else first
    lines = source.splitlines(keepends=True)
    pad = " " * target.col_offset
    if lines[target.lineno - 1][:target.col_offset].strip():
        return None  # body on the def line: leave such code alone
    block = "".join(pad + line + "\n" for line in guard.strip("\n").splitlines())
    at = target.lineno - 1
    if isinstance(target, ast.FunctionDef | ast.ClassDef) and target.decorator_list:
        at = target.decorator_list[0].lineno - 1
    return "".join(lines[:at]) + block + "".join(lines[at:])


def guarded(parent: Task, func: str,
            guard: str) -> tuple[dict[str, str], dict[str, dict[str, str]]] | None:
    """The parent's reference and mutants with ``guard`` first in ``func`` (see
    :func:`insert_guard`); a mutant that cannot take the guard is dropped; None when the
    reference cannot."""
    entry = parent.entry_point
    ref = insert_guard(parent.reference[entry], func, guard)
    if ref is None:
        return None
    mutants = {}
    for name, files in parent.mutants.items():
        files = dict(files)
        if entry in files:
            patched = insert_guard(files[entry], func, guard)
            if patched is None:
                continue
            files[entry] = patched
        mutants[name] = files
    return {**parent.reference, entry: ref}, mutants
