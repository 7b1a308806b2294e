"""AST checks on Python answers, one per mistake the weakness areas care about.

Each check reads a parsed module (never runs it) and yields findings at
``file:line``. They are deliberately narrow, so that a correct reference
solution comes out clean and a flag means something:

* shared state mutated outside the lock, in a class (or module) that owns one;
* an Optional parameter, or an Optional lookup result, used without a None check;
* a broad ``except`` that does not re-raise;
* a mutable default argument;
* ``return None`` in a function annotated to return something else.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from codecanary.types import Finding

_LOCK_FACTORIES = ("Lock", "RLock", "Condition", "Semaphore", "BoundedSemaphore")
_MUTATORS = frozenset({"append", "extend", "insert", "pop", "popitem", "remove", "clear",
                       "update", "setdefault", "add", "discard", "appendleft", "popleft",
                       "sort", "reverse"})
_OPTIONAL_CALLS = frozenset({"match", "search", "fullmatch"})


def _is_lock_call(node: ast.AST | None) -> bool:
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
    return name in _LOCK_FACTORIES


def _self_attr(node: ast.AST) -> str | None:
    """``x`` for ``self.x``, ``self.x[...]``, ``self.x.y`` (the state being touched)."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id == "self"):
            return node.attr
        node = node.value
    return None


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _mutated(stmt: ast.stmt) -> list[ast.AST]:
    """The state expressions a statement writes (assignment targets, mutator receivers)."""
    if isinstance(stmt, ast.Assign):
        return list(stmt.targets)
    if isinstance(stmt, ast.AugAssign | ast.AnnAssign):
        return [stmt.target]
    if isinstance(stmt, ast.Delete):
        return list(stmt.targets)
    if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr in _MUTATORS):
        return [stmt.value.func.value]
    return []


def _unlocked_stmts(body: list[ast.stmt], locks: set[str]) -> Iterator[ast.stmt]:
    """Statements of ``body`` (recursively) not inside a ``with`` on one of ``locks``."""
    for stmt in body:
        if isinstance(stmt, ast.With | ast.AsyncWith):
            if any(_lock_expr(i.context_expr, locks) for i in stmt.items):
                continue
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        yield stmt
        for field in ("body", "orelse", "finalbody"):
            yield from _unlocked_stmts(getattr(stmt, field, []) or [], locks)
        for handler in getattr(stmt, "handlers", []) or []:
            yield from _unlocked_stmts(handler.body, locks)


def _lock_expr(expr: ast.expr, locks: set[str]) -> bool:
    name = _self_attr(expr) or _root_name(expr)
    return name in locks or "lock" in ast.unparse(expr).lower()


def unlocked_mutation(tree: ast.Module, path: str) -> Iterator[Finding]:
    """Shared state written outside ``with <lock>`` in a class or module owning a lock."""
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        locks = {t.attr for n in ast.walk(cls) if isinstance(n, ast.Assign)
                 and _is_lock_call(n.value) for t in n.targets
                 if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                 and t.value.id == "self"}
        if not locks:
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) or fn.name in (
                    "__init__", "__new__", "__post_init__"):
                continue
            for stmt in _unlocked_stmts(fn.body, locks):
                attrs = [a for t in _mutated(stmt) if (a := _self_attr(t)) and a not in locks]
                if attrs:
                    yield Finding("concurrency", "error", f"{path}:{stmt.lineno}",
                                  f"self.{attrs[0]} is shared state of {cls.name}, which owns "
                                  f"a lock, but {fn.name}() changes it outside `with` the lock")
    module_locks = {t.id for n in tree.body if isinstance(n, ast.Assign) and _is_lock_call(n.value)
                    for t in n.targets if isinstance(t, ast.Name)}
    if not module_locks:
        return
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        shared = {name for n in ast.walk(fn) if isinstance(n, ast.Global) for name in n.names}
        for stmt in _unlocked_stmts(fn.body, module_locks):
            roots = {r for t in _mutated(stmt) if (r := _root_name(t))} & shared
            if roots:
                yield Finding("concurrency", "error", f"{path}:{stmt.lineno}",
                              f"global {sorted(roots)[0]} is changed outside `with` a lock "
                              f"in {fn.name}()")


def _optional_params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    out = {p.arg for p in [*positional, *a.kwonlyargs] if p.annotation is not None and (
        "Optional" in ast.unparse(p.annotation) or "None" in ast.unparse(p.annotation))}
    for p, d in zip(positional[len(positional) - len(a.defaults):], a.defaults, strict=True):
        if isinstance(d, ast.Constant) and d.value is None:
            out.add(p.arg)
    for p, kd in zip(a.kwonlyargs, a.kw_defaults, strict=True):
        if isinstance(kd, ast.Constant) and kd.value is None:
            out.add(p.arg)
    return out


def _optional_locals(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, int]:
    """Locals assigned once from ``d.get(k)``, ``re.match(...)``, ``next(it, None)``."""
    found: dict[str, int] = {}
    for n in ast.walk(fn):
        if not (isinstance(n, ast.Assign) and len(n.targets) == 1
                and isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.Call)):
            continue
        f, args = n.value.func, n.value.args
        optional = (isinstance(f, ast.Attribute) and (
            (f.attr == "get" and len(args) == 1 and not n.value.keywords)
            or f.attr in _OPTIONAL_CALLS)) or (
            isinstance(f, ast.Name) and f.id == "next" and len(args) == 2
            and isinstance(args[1], ast.Constant) and args[1].value is None)
        if optional:
            found.setdefault(n.targets[0].id, n.lineno)
    return found


def _is_name(node: ast.AST, name: str) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node = node.operand
    return isinstance(node, ast.Name) and node.id == name


def _guarded(fn: ast.AST, name: str, bindings: int = 0) -> bool:
    """Whether ``name`` itself is None-tested, truth-tested, isinstance-checked, or bound
    more than ``bindings`` times (re-bound to a default, say)."""
    bound = sum(1 for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == name
                and isinstance(n.ctx, ast.Store))
    if bound > bindings:
        return True
    for n in ast.walk(fn):
        tests: list[ast.AST] = []
        if isinstance(n, ast.If | ast.While | ast.IfExp | ast.Assert):
            tests.append(n.test)
        elif isinstance(n, ast.BoolOp):
            tests.extend(n.values)
        elif isinstance(n, ast.comprehension):
            tests.extend(n.ifs)
        elif isinstance(n, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value is None for c in [n.left, *n.comparators]):
            tests.extend([n.left, *n.comparators])
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in (
                "isinstance", "callable") and n.args:
            tests.append(n.args[0])
        if any(_is_name(t, name) for t in tests):
            return True
    return False


def _uses(fn: ast.AST, name: str) -> Iterator[ast.AST]:
    """Dereferences of ``name``: attribute, subscript, call, iteration, len()."""
    for n in ast.walk(fn):
        deref = (isinstance(n, ast.Attribute | ast.Subscript) and isinstance(n.value, ast.Name)
                 and n.value.id == name and isinstance(n.ctx, ast.Load))
        loop = isinstance(n, ast.For) and isinstance(n.iter, ast.Name) and n.iter.id == name
        call = isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and (
            n.func.id == name or (n.func.id == "len" and bool(n.args)
                                  and isinstance(n.args[0], ast.Name) and n.args[0].id == name))
        if deref or loop or call:
            yield n


def missing_none_check(tree: ast.Module, path: str) -> Iterator[Finding]:
    """An Optional parameter or lookup result dereferenced without any None check."""
    for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        candidates = {p: ("parameter", 0) for p in _optional_params(fn)}
        candidates.update({v: ("lookup result", 1) for v in _optional_locals(fn)})
        for name, (what, bindings) in sorted(candidates.items()):
            if _guarded(fn, name, bindings):
                continue
            use = min(_uses(fn, name), key=lambda n: getattr(n, "lineno", 0), default=None)
            if use is not None:
                yield Finding("null-handling", "warning", f"{path}:{getattr(use, 'lineno', 0)}",
                              f"{what} {name!r} may be None but is used in {fn.name}() "
                              "without a None check")


def broad_except(tree: ast.Module, path: str) -> Iterator[Finding]:
    """``except:`` / ``except Exception`` whose body does not re-raise."""
    for h in (n for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler)):
        broad = h.type is None or (isinstance(h.type, ast.Name)
                                   and h.type.id in ("Exception", "BaseException"))
        if broad and not any(isinstance(n, ast.Raise) for s in h.body for n in ast.walk(s)):
            what = "bare except" if h.type is None else f"except {ast.unparse(h.type)}"
            yield Finding("error-handling", "warning", f"{path}:{h.lineno}",
                          f"{what} swallows every error, including bugs")


def mutable_default(tree: ast.Module, path: str) -> Iterator[Finding]:
    """A list/dict/set default argument, shared between calls."""
    for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        for d in [*fn.args.defaults, *(k for k in fn.args.kw_defaults if k is not None)]:
            mutable = isinstance(d, ast.List | ast.Dict | ast.Set) or (
                isinstance(d, ast.Call) and isinstance(d.func, ast.Name)
                and d.func.id in ("list", "dict", "set") and not d.args)
            if mutable:
                yield Finding("state-management", "error", f"{path}:{d.lineno}",
                              f"mutable default {ast.unparse(d)} in {fn.name}() is shared "
                              "between calls")


def none_return(tree: ast.Module, path: str) -> Iterator[Finding]:
    """``return None`` where the annotation promises a value (an error silently swallowed)."""
    for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        ann = ast.unparse(fn.returns) if fn.returns is not None else ""
        if not ann or "None" in ann or "Optional" in ann or ann in ("Any", "object"):
            continue
        for n in ast.walk(fn):
            if isinstance(n, ast.Return) and isinstance(n.value, ast.Constant) \
                    and n.value.value is None:
                yield Finding("error-handling", "warning", f"{path}:{n.lineno}",
                              f"{fn.name}() is annotated -> {ann} but returns None here")


CHECKS = (unlocked_mutation, missing_none_check, broad_except, mutable_default, none_return)


def check_source(source: str, path: str) -> list[Finding]:
    """Every AST finding in one file (a file that does not parse gives one finding)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return [Finding("correctness", "error", f"{path}:{exc.lineno or 0}",
                        f"does not parse: {exc.msg}")]
    return [f for check in CHECKS for f in check(tree, path)]
