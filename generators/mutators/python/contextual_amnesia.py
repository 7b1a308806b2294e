"""Contextual-amnesia operators: many small rules, one of them easy to forget.

* ``contextual-amnesia/house-style`` — ``describe_f(*args)`` formats a call
  and its result under 4-6 formatting rules drawn by the rng from a pool;
  the tests check every rule, the hand-written mutant forgets one.
* ``contextual-amnesia/renamed-with-alias`` — ``f`` is renamed; the old name
  stays as a deprecated alias (``DeprecationWarning`` naming the new function,
  pointing at the caller's line, the call forwarded unchanged) — four rules a
  rename easily loses.
"""

from __future__ import annotations

import ast
import random

from codecanary.types import Task
from generators.mutators.base import Mutation, depth_of, derive
from generators.mutators.python._extend import (
    Extension,
    extend,
    fresh,
    module_of,
    pick,
    stub,
)
from generators.mutators.shared.text import fill

AREA = ("contextual-amnesia",)

RULES: dict[str, tuple[str, str, str]] = {
    # name: (prompt text, formatter code for one value `v` -> str, what forgetting does)
    "none-dash": ("`None` is written `-`", "if v is None:\n    return '-'", ""),
    "bool-yes-no": ("booleans are written `yes`/`no`",
                    "if isinstance(v, bool):\n    return 'yes' if v else 'no'", ""),
    "float-2dp": ("floats have exactly two decimals (`2.50`)",
                  "if isinstance(v, float):\n    return f'{v:.2f}'", ""),
    "str-quoted": ("strings are in double quotes with `\"` inside escaped as `\\\"`",
                   "if isinstance(v, str):\n    return '\"' + v.replace('\"', '\\\\\"') + '\"'",
                   ""),
    "int-grouped": ("integers use `_` between groups of three digits (`1_000_000`)",
                    "if isinstance(v, int):\n    return f'{v:_d}'", ""),
    "list-count": ("lists and tuples are written as `[n items]` (`[1 item]` for one)",
                   "if isinstance(v, list | tuple):\n"
                   "    return f'[{len(v)} item{\"\" if len(v) == 1 else \"s\"}]'", ""),
}
ORDER = ("none-dash", "bool-yes-no", "float-2dp", "str-quoted", "int-grouped", "list-count")


HOUSE_STYLE_TEST_TAIL = '''


@settings(max_examples=150)
@given(st.lists(VALUES, max_size=3), VALUES)
def test_house_style(args, result):
    with mock.patch.object(${mod}, "${fn}", lambda *a: result):
        got = ${new}(*args)
    want = ("${fn}(" + ", ".join(model(a) for a in args) + ")"
            + ${repr_sep} + model(result))
    assert got == want


def test_every_rule_once():
    samples = [None, True, 2.5, 'say "hi"', 1234567, [1], (1, 2), b"raw"]
    for value in samples:
        with mock.patch.object(${mod}, "${fn}", lambda *a: value):
            assert ${new}(value) == ("${fn}(" + model(value) + ")" + ${repr_sep}
                                   + model(value))
'''

HOUSE_STYLE_TEST_HEAD = '''
from unittest import mock

from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${new}

VALUES = (st.none() | st.booleans() | st.integers(-10**7, 10**7)
          | st.floats(-1e6, 1e6, allow_nan=False) | st.text(max_size=6)
          | st.lists(st.integers(), max_size=3))

'''


class HouseStyle:
    """See the module docstring."""

    name = "contextual-amnesia/house-style"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        chosen = sorted(rng.sample(ORDER, rng.randint(4, 6)), key=ORDER.index)
        if "int-grouped" in chosen and "bool-yes-no" not in chosen:
            chosen.insert(chosen.index("int-grouped"), "bool-yes-no")
        forget = rng.choice(chosen)
        sep = rng.choice((" -> ", " => ", " = "))
        new = fresh(parent, f"describe_{f.name}")
        mod = module_of(parent)

        def formatter(rules: list[str]) -> str:
            lines = ["def fmt(v):"]
            for r in rules:
                lines += ["    " + line for line in RULES[r][1].splitlines()]
            lines.append("    return repr(v)")
            return "\n".join(lines)

        def body(rules: list[str]) -> str:
            inner = "\n".join("    " + line for line in formatter(rules).splitlines())
            doc = f'    """One log line for the call {f.name}(*args)."""\n'
            return (f"def {new}(*args):\n{doc}"
                    f"{inner}\n\n    result = {f.name}(*args)\n"
                    f"    return '{f.name}(' + ', '.join(fmt(a) for a in args) + ')'"
                    f" + {sep!r} + fmt(result)\n")

        code = body(chosen)
        bad = body([r for r in chosen if r != forget])
        model = formatter(chosen).replace("def fmt", "def model", 1)
        test = (fill(HOUSE_STYLE_TEST_HEAD, mod=mod, new=new) + "\n" + model + "\n\n\n"
                + fill(HOUSE_STYLE_TEST_TAIL, mod=mod, fn=f.name, new=new, repr_sep=repr(sep)))
        rules = "\n".join(f"{i}. {RULES[r][0]};" for i, r in enumerate(chosen, 1))
        section = (f"Add `{new}(*args)`, which calls `{f.name}(*args)` and returns one log "
                   f"line `{f.name}(<arg>, <arg>, ...){sep}<result>` (arguments separated by "
                   f"`, `). The team's house style for every value (argument or result):\n\n"
                   f"{rules}\n{len(chosen) + 1}. anything else is written with `repr`.\n\n"
                   f"Rules apply in this order (the first that matches wins). Call "
                   f"`{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(f"def {new}(*args):", "One log line."), test,
                        "house_style", bad, {"function": f.name, "new": new, "rules": chosen,
                                             "forgotten_by_mutant": forget},
                        title=f"house-style `{new}`")
        return extend(parent, self.name, AREA, ext)


def rename(source: str, old: str, new: str) -> str | None:
    """``source`` with every identifier ``old`` renamed to ``new`` (None on syntax errors)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    spots: list[tuple[int, int, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == old:
            spots.append((node.lineno, node.col_offset, len(old)))
        elif isinstance(node, ast.FunctionDef) and node.name == old:
            line = source.splitlines()[node.lineno - 1]
            spots.append((node.lineno, line.index(f"def {old}") + 4, len(old)))
    lines = source.splitlines(keepends=True)
    for lineno, col, n in sorted(spots, reverse=True):
        text = lines[lineno - 1]
        if text[col:col + n] != old:
            return None
        lines[lineno - 1] = text[:col] + new + text[col + n:]
    return "".join(lines)


RENAMED_WITH_ALIAS_CODE = '''
def ${fn}(*args, **kwargs):
    """Deprecated alias of ${new}."""
    warnings.warn("${fn} is deprecated; use ${new}", DeprecationWarning,
                  stacklevel=2)
    return ${new}(*args, **kwargs)
'''

RENAMED_WITH_ALIAS_TEST = '''
import warnings
from unittest import mock

import pytest

import ${mod}
from ${mod} import ${fn}, ${new}


def fake(*args, **kwargs):
    return ("result", args, kwargs)


def test_old_name_warns_and_forwards():
    with mock.patch.object(${mod}, "${new}", fake):
        with pytest.warns(DeprecationWarning) as caught:
            got = ${fn}(1, "two", key=3)
    assert got == ("result", (1, "two"), {"key": 3})
    message = str(caught[0].message)
    assert "${new}" in message and "${fn}" in message
    assert caught[0].filename == __file__


def test_new_name_is_the_function_and_alias_looks_it_up_late():
    assert ${new}.__name__ == "${new}"
    assert ${fn} is not ${new}
    with mock.patch.object(${mod}, "${new}", lambda *a, **k: "late"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert ${fn}() == "late"
'''


class RenamedWithAlias:
    """See the module docstring."""

    name = "contextual-amnesia/renamed-with-alias"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        prefix = rng.choice(("compute", "run", "do", "eval"))
        new = fresh(parent, f"{prefix}_{f.name}")
        entry, mod = parent.entry_point, module_of(parent)
        alias = fill(RENAMED_WITH_ALIAS_CODE, fn=f.name, new=new)
        bad_alias = alias.replace("stacklevel=2", "stacklevel=1")

        def renamed(source: str, tail: str) -> str | None:
            out = rename(source, f.name, new)
            if out is None:
                return None
            head = "" if "import warnings\n" in out else "import warnings\n"
            return head + out.rstrip("\n") + "\n\n\n" + tail

        ref = renamed(parent.reference[entry], alias)
        bad = renamed(parent.reference[entry], bad_alias)
        if ref is None or bad is None:
            return None
        mutants = {}
        for name, files in parent.mutants.items():
            moved = renamed(files[entry], alias) if entry in files else None
            mutants[name] = {**files, entry: moved} if moved else dict(files)
        mutants["renamed-with-alias-bad"] = {entry: bad}
        workspace = dict(parent.workspace)
        depth = depth_of(parent) + 1
        test = fill(RENAMED_WITH_ALIAS_TEST, mod=mod, fn=f.name, new=new)
        tests = {**parent.tests, f"test_rename_{new}_g{depth}.py": test}
        prompt = (parent.prompt.rstrip("\n") + f"\n\n## Additional requirement ({depth})\n\n"
                  f"Rename `{f.name}` to `{new}` (the team's naming convention), everywhere "
                  f"in the module. Old callers must keep working: keep `{f.name}` as a "
                  f"deprecated alias that forwards every positional and keyword argument to "
                  f"`{new}` (looked up at call time) and returns its result, and that emits a "
                  f"`DeprecationWarning` naming both functions, attributed to the caller's "
                  f"line (not to the alias). Calling `{new}` never warns.\n")
        return derive(parent, self.name, {"function": f.name, "new": new}, prompt=prompt,
                      workspace=workspace, reference={**parent.reference, entry: ref},
                      tests=tests, mutants=mutants, weakness=AREA)


OPERATORS = (HouseStyle(), RenamedWithAlias())
