"""Python fault operators: AST rewrites that turn correct code into plausibly-wrong code.

The faults model the mistakes assistants make: forgetting a ``None`` guard,
dropping a lock, an off-by-one bound, swallowing an error, sharing mutable
state. Each operator is a finder (see :mod:`generators.faults.python_sites`);
counting and applying are shared.
"""

from __future__ import annotations

import ast
from functools import partial

from codecanary.registry import register
from generators.faults.base import FaultOperator
from generators.faults.python_sites import (
    Finder,
    Site,
    Slot,
    apply,
    count,
    none_test,
    same_program,
    set_site,
    splice_site,
    walk,
)

__all__ = ["OPERATORS", "Finder", "apply", "count", "same_program"]

_MUTABLE_FACTORIES = ("list", "dict", "set")


def _mentions_lock(node: ast.AST) -> bool:
    return "lock" in ast.unparse(node).lower()


def drop_none_check(tree: ast.Module) -> list[Site]:
    """Forget a ``None`` check (null-handling).

    Sites: an ``if x is None:`` guard without ``else`` is deleted; an
    ``if x is not None: body`` without ``else`` becomes ``body``;
    ``a if x is not None else b`` becomes ``a`` (and ``b if x is None else a``
    becomes ``a``); ``d.get(k, default)`` becomes ``d[k]``. This is the classic
    assistant bug of assuming the value is always present.
    """
    sites: list[Site] = []
    for node, slot, _ in walk(tree):
        if slot is None:
            continue
        if isinstance(node, ast.If) and not node.orelse:
            kind = none_test(node.test)
            if kind is not None and slot.index is not None:
                keep = node.body if kind[0] == "is not" else []
                sites.append(splice_site(slot, keep))
        elif isinstance(node, ast.IfExp):
            kind = none_test(node.test)
            if kind is not None:
                kept = node.body if kind[0] == "is not" else node.orelse
                sites.append(set_site(slot, kept))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and len(node.args) == 2
            and not node.keywords
            and not any(isinstance(a, ast.Starred) for a in node.args)
        ):
            sub = ast.Subscript(value=node.func.value, slice=node.args[0], ctx=ast.Load())
            sites.append(set_site(slot, sub))
    return sites


def remove_lock(tree: ast.Module) -> list[Site]:
    """Drop a lock around a critical section (concurrency).

    Sites: a ``with``/``async with`` statement with a context expression whose
    source mentions "lock" (case-insensitive, no ``as`` target) loses those
    items, and becomes its bare body if none remain; a bare statement
    ``<lock>.acquire(...)`` or ``<lock>.release(...)`` is deleted. The result
    races, which is what an assistant does when it "simplifies" threaded code.
    """
    sites: list[Site] = []
    for node, slot, _ in walk(tree):
        if slot is None:
            continue
        if isinstance(node, ast.With | ast.AsyncWith):
            locks = [
                i for i in node.items if i.optional_vars is None and _mentions_lock(i.context_expr)
            ]
            if not locks:
                continue
            rest = [i for i in node.items if i not in locks]

            def unlock(slot: Slot = slot, node: ast.With | ast.AsyncWith = node,
                       rest: list[ast.withitem] = rest) -> None:
                if rest:
                    node.items = rest
                else:
                    slot.splice(node.body)

            sites.append(unlock)
        elif (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr in ("acquire", "release")
            and _mentions_lock(node.value.func.value)
        ):
            sites.append(splice_site(slot, []))
    return sites


def off_by_one(tree: ast.Module) -> list[Site]:
    """Shift a boundary by one (boundaries).

    Sites: ``range(a)`` becomes ``range(a - 1)`` and ``range(a, b)`` becomes
    ``range(a, b - 1)``; every ``<``, ``<=``, ``>``, ``>=`` in a comparison is
    its own site and swaps strictness (``<`` <-> ``<=``, ``>`` <-> ``>=``).
    """
    swap: dict[type[ast.cmpop], type[ast.cmpop]] = {
        ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    }
    sites: list[Site] = []
    for node, _, _ in walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "range"
            and len(node.args) in (1, 2)
            and not node.keywords
            and not any(isinstance(a, ast.Starred) for a in node.args)
        ):
            def shrink(call: ast.Call = node) -> None:
                call.args[-1] = ast.BinOp(left=call.args[-1], op=ast.Sub(), right=ast.Constant(1))

            sites.append(shrink)
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                new_op = swap.get(type(op))
                if new_op is not None:
                    def flip(cmp: ast.Compare = node, i: int = i,
                             new: type[ast.cmpop] = new_op) -> None:
                        cmp.ops[i] = new()

                    sites.append(flip)
    return sites


def swallow_exception(tree: ast.Module) -> list[Site]:
    """Swallow an error instead of reporting it (error-handling).

    Sites: every ``raise`` (including a bare re-raise) whose nearest enclosing
    scope is a function becomes ``return None``, so callers get a silent
    ``None`` where the contract promised an exception.
    """
    sites: list[Site] = []
    for node, slot, scope in walk(tree):
        if (
            isinstance(node, ast.Raise)
            and slot is not None
            and isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef)
        ):
            sites.append(set_site(slot, ast.Return(value=ast.Constant(None))))
    return sites


def _is_mutable_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.List | ast.Dict | ast.Set):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _MUTABLE_FACTORIES
        and not node.args
        and not node.keywords
    )


def _default_slots(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, Slot]:
    """Parameter name -> slot of its default value, for parameters defaulting to None."""
    args = fn.args
    found: dict[str, Slot] = {}
    positional = [*args.posonlyargs, *args.args]
    offset = len(positional) - len(args.defaults)
    for i, default in enumerate(args.defaults):
        if isinstance(default, ast.Constant) and default.value is None:
            found[positional[offset + i].arg] = Slot(args, "defaults", i)
    for i, (arg, kw_default) in enumerate(zip(args.kwonlyargs, args.kw_defaults, strict=True)):
        if isinstance(kw_default, ast.Constant) and kw_default.value is None:
            found[arg.arg] = Slot(args, "kw_defaults", i)
    return found


def _share(default: Slot, value: ast.expr, guard: Slot) -> Site:
    """A site that makes ``value`` the parameter default and deletes the ``None`` guard."""

    def share() -> None:
        default.set(value)
        guard.splice([])

    return share


def mutable_default(tree: ast.Module) -> list[Site]:
    """Share one mutable default between calls (state-management).

    Sites: a function ``def f(p=None)`` whose body contains the top-level guard
    ``if p is None: p = []`` (or ``{}``, ``set()``, ``list()``, ``dict()``) gets
    ``def f(p=[])`` with the guard deleted: state then leaks between calls.
    """
    sites: list[Site] = []
    for node, _, _ in walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        defaults = _default_slots(node)
        seen: set[str] = set()
        for index, stmt in enumerate(node.body):
            kind = none_test(stmt.test) if isinstance(stmt, ast.If) else None
            if not (isinstance(stmt, ast.If) and kind and kind[0] == "is" and not stmt.orelse):
                continue
            subject, body = kind[1], stmt.body
            if not (
                isinstance(subject, ast.Name)
                and subject.id in defaults
                and subject.id not in seen
                and len(body) == 1
                and isinstance(body[0], ast.Assign)
                and len(body[0].targets) == 1
                and isinstance(body[0].targets[0], ast.Name)
                and body[0].targets[0].id == subject.id
                and _is_mutable_literal(body[0].value)
            ):
                continue
            seen.add(subject.id)
            sites.append(_share(defaults[subject.id], body[0].value, Slot(node, "body", index)))
    return sites


def alias_instead_of_copy(tree: ast.Module) -> list[Site]:
    """Alias a value where a copy was needed (state-management).

    Sites: ``x.copy()``, ``copy(x)``, ``copy.copy(x)``, ``deepcopy(x)`` and
    ``x[:]`` (read, not assigned) become ``x``; ``copy.deepcopy(x)`` becomes the
    shallow ``copy.copy(x)``. Mutating the "copy" then changes the original.
    """
    sites: list[Site] = []
    for node, slot, _ in walk(tree):
        if slot is None:
            continue
        target: ast.expr | None = None
        if isinstance(node, ast.Call) and not node.keywords:
            func, args = node.func, node.args
            one_arg = len(args) == 1 and not isinstance(args[0], ast.Starred)
            module_call = (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "copy"
            )
            if isinstance(func, ast.Attribute) and func.attr == "copy" and not args:
                target = None if module_call else func.value
            elif one_arg and isinstance(func, ast.Name) and func.id in ("copy", "deepcopy"):
                target = args[0]
            elif one_arg and module_call and isinstance(func, ast.Attribute):
                if func.attr == "copy":
                    target = args[0]
                elif func.attr == "deepcopy":
                    def shallow(attr: ast.Attribute = func) -> None:
                        attr.attr = "copy"

                    sites.append(shallow)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.slice, ast.Slice)
            and node.slice.lower is None
            and node.slice.upper is None
            and node.slice.step is None
        ):
            target = node.value
        if target is not None:
            sites.append(set_site(slot, target))
    return sites


OPERATORS: dict[str, tuple[tuple[str, ...], Finder]] = {
    "alias-instead-of-copy": (("state-management",), alias_instead_of_copy),
    "drop-none-check": (("null-handling",), drop_none_check),
    "mutable-default": (("state-management",), mutable_default),
    "off-by-one": (("boundaries",), off_by_one),
    "remove-lock": (("concurrency",), remove_lock),
    "swallow-exception": (("error-handling",), swallow_exception),
}
"""Operator name -> (weakness areas, finder)."""


for _name, (_weakness, _finder) in OPERATORS.items():
    register("fault", f"python:{_name}")(FaultOperator(
        _name, "python", _weakness, partial(count, _finder), partial(apply, _finder), same_program))
