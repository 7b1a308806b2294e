"""Infrastructure for the Python fault operators: AST walk, sites, apply.

An operator is a *finder*: a function that walks a parsed module in a fixed
order (pre-order, fields in ``ast`` order, which is source order for nearly all
nodes) and returns one *site* per place its fault can be injected. A site is a
closure that mutates the tree it was found in. :func:`apply` deep-copies the
parsed tree, finds the sites on the copy, runs exactly one of them and unparses
the result, so every mutant is syntactically valid Python (comments and
formatting are not preserved: ``ast.unparse`` normalises them).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

Site = Callable[[], None]
"""Applies one fault to the tree the site was found in (in place)."""

Finder = Callable[[ast.Module], list[Site]]
"""Returns the sites of one fault in a module, in deterministic walk order."""

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.Module)


@dataclass(frozen=True)
class Slot:
    """Where a node hangs in its parent: ``parent.field`` or ``parent.field[index]``."""

    parent: ast.AST
    field: str
    index: int | None

    def set(self, node: ast.AST) -> None:
        """Replace the node in this slot by ``node``."""
        if self.index is None:
            setattr(self.parent, self.field, node)
        else:
            getattr(self.parent, self.field)[self.index] = node

    def splice(self, stmts: list[ast.stmt]) -> None:
        """Replace the statement in this slot by ``stmts`` (possibly none).

        A block that becomes empty gets a ``pass`` so the result still parses;
        an ``else`` block may simply disappear.
        """
        assert self.index is not None, "only statements in a block can be spliced"
        block: list[ast.stmt] = getattr(self.parent, self.field)
        block[self.index : self.index + 1] = stmts
        if not block and self.field != "orelse":
            block.append(ast.Pass())


def set_site(slot: Slot, node: ast.AST) -> Site:
    """A site that puts ``node`` into ``slot``."""
    return lambda: slot.set(node)


def splice_site(slot: Slot, stmts: list[ast.stmt]) -> Site:
    """A site that replaces the statement in ``slot`` by ``stmts``."""
    return lambda: slot.splice(stmts)


def walk(
    node: ast.AST, slot: Slot | None = None, scope: ast.AST | None = None
) -> Iterator[tuple[ast.AST, Slot | None, ast.AST | None]]:
    """Pre-order walk yielding (node, its slot, the nearest enclosing scope node)."""
    yield node, slot, scope
    inner = node if isinstance(node, _SCOPES) else scope
    for field, value in ast.iter_fields(node):
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield from walk(item, Slot(node, field, i), inner)
        elif isinstance(value, ast.AST):
            yield from walk(value, Slot(node, field, None), inner)


def none_test(test: ast.expr) -> tuple[str, ast.expr] | None:
    """Classify ``x is None`` / ``x is not None`` (either operand order).

    Returns ("is", x) or ("is not", x), or None for any other expression.
    """
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, right = test.left, test.comparators[0]
    if isinstance(right, ast.Constant) and right.value is None:
        subject = left
    elif isinstance(left, ast.Constant) and left.value is None:
        subject = right
    else:
        return None
    if isinstance(test.ops[0], ast.Is):
        return "is", subject
    if isinstance(test.ops[0], ast.IsNot):
        return "is not", subject
    return None


@lru_cache(maxsize=64)
def _parse(source: str) -> ast.Module | None:
    """Parse once per source; callers must deep-copy before mutating."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def count(finder: Finder, source: str) -> int:
    """Number of sites of ``finder`` in ``source`` (0 when it does not parse)."""
    tree = _parse(source)
    return 0 if tree is None else len(finder(tree))


def apply(finder: Finder, source: str, site: int) -> str:
    """``source`` with the fault of ``finder`` applied at ``site``, unparsed.

    Raises ValueError when the source does not parse, IndexError when ``site``
    is not in ``range(count(finder, source))``.
    """
    tree = _parse(source)
    if tree is None:
        raise ValueError("source is not valid Python")
    work = copy.deepcopy(tree)
    sites = finder(work)
    if not 0 <= site < len(sites):
        raise IndexError(f"site {site} out of range (0..{len(sites) - 1})")
    sites[site]()
    return ast.unparse(ast.fix_missing_locations(work)) + "\n"


def same_program(a: str, b: str) -> bool:
    """Whether two Python sources have the same AST (formatting and comments ignored)."""
    tree_a, tree_b = _parse(a), _parse(b)
    if tree_a is None or tree_b is None:
        return a == b
    return ast.dump(tree_a) == ast.dump(tree_b)
