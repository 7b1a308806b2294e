"""Security operators: the child takes untrusted input on the way to the parent's function.

* ``security/literal-args`` — ``f_from_text(text)``: the arguments arrive as
  text (a Python literal tuple) from an untrusted client; parse them without
  ever evaluating code (``ast.literal_eval``), reject anything else with
  ``ValueError``. The tests send payloads that would leave a mark if executed.
* ``security/input-limits`` — ``f_guarded(*args)``: reject oversized strings,
  control characters and oversized lists before ``f`` is called (denial of
  service and log injection), with exact limits tested at the boundary.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation
from generators.mutators.python._extend import (
    Extension,
    extend,
    fresh,
    module_of,
    pick,
    stub,
)
from generators.mutators.shared.text import fill

AREA = ("security",)


LITERAL_ARGS_CODE = '''
${sig}
    """${doc}"""
    try:
        args = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        raise ValueError(f"not a literal tuple of arguments: {exc}") from None
    if not isinstance(args, tuple):
        raise ValueError("the arguments must be a tuple")
    return ${fn}(*args)
'''

LITERAL_ARGS_BAD = '''
${sig}
    try:
        args = eval(text)
    except Exception as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(args, tuple):
        raise ValueError("the arguments must be a tuple")
    return ${fn}(*args)
'''

LITERAL_ARGS_TEST = '''
import builtins
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${new}

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner),
    max_leaves=6)


def fake(*args):
    return ("result", args)


@settings(max_examples=80)
@given(st.lists(VALUES, max_size=4).map(tuple))
def test_literal_arguments(args):
    with mock.patch.object(${mod}, "${fn}", fake):
        assert ${new}(repr(args)) == ("result", args)


@pytest.mark.parametrize("payload", [
    "__import__('builtins').__dict__.setdefault('PWNED', 1)",
    "(__import__('builtins').__dict__.setdefault('PWNED', 2),)",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "(lambda: 1)()",
    "open('/etc/passwd').read()",
    "1 +",
    "[1, 2]",
    "",
])
def test_rejects_code_and_non_tuples(payload):
    with mock.patch.object(${mod}, "${fn}", fake):
        with pytest.raises(ValueError):
            ${new}(payload)
    assert not hasattr(builtins, "PWNED")
'''


class LiteralArgs:
    """See the module docstring."""

    name = "security/literal-args"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        new = fresh(parent, f"{f.name}_from_text")
        mod = module_of(parent)
        sig = f"def {new}(text):"
        doc = f"Parse a literal tuple of arguments for {f.name} from untrusted text; call it."
        code = fill(LITERAL_ARGS_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(LITERAL_ARGS_BAD, sig=sig, fn=f.name)
        test = fill(LITERAL_ARGS_TEST, mod=mod, new=new, fn=f.name)
        section = (f"Add `{new}(text)`: an untrusted client sends the arguments of "
                   f"`{f.name}` as text, a Python literal tuple such as `(1, 'a', [2, None])`. "
                   f"Parse it and return `{f.name}(*args)`. The text comes from an attacker: "
                   f"it must never be executed as code. Anything that is not a literal tuple "
                   f"(expressions, calls, a list, malformed text) raises `ValueError` without "
                   f"calling `{f.name}`. Call `{f.name}` through its module-level name.")
        ext = Extension(section, code, stub(sig, doc), test, "literal_args", bad,
                        {"function": f.name, "new": new}, ("ast",), f"untrusted `{new}`")
        return extend(parent, self.name, AREA, ext)


INPUT_LIMITS_CODE = '''
${sig}
    """${doc}"""

    def check(value):
        if isinstance(value, str):
            if len(value) > ${max_len}:
                raise ValueError("string too long")
            if any(ord(c) < 32 or ord(c) == 127 for c in value):
                raise ValueError("control character")
        elif isinstance(value, list | tuple):
            if len(value) > ${max_items}:
                raise ValueError("too many items")
            for item in value:
                check(item)
        elif isinstance(value, dict):
            if len(value) > ${max_items}:
                raise ValueError("too many items")
            for key, item in value.items():
                check(key)
                check(item)

    for arg in args:
        check(arg)
    return ${fn}(*args)
'''

INPUT_LIMITS_TEST = '''
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${new}

MAX_LEN, MAX_ITEMS = ${max_len}, ${max_items}
OK_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=MAX_LEN)


def fake(*args):
    fake.calls.append(args)
    return ("result", args)


@settings(max_examples=80)
@given(st.lists(OK_TEXT | st.integers() | st.lists(OK_TEXT, max_size=5), max_size=4))
def test_valid_input_passes(args):
    fake.calls = []
    with mock.patch.object(${mod}, "${fn}", fake):
        assert ${new}(*args) == ("result", tuple(args))
    assert len(fake.calls) == 1


@pytest.mark.parametrize("bad", [
    "x" * (MAX_LEN + 1), "a\\nb", "tab\\there", "nul\\x00", "del\\x7f",
    ["ok", "y" * (MAX_LEN + 1)], list(range(MAX_ITEMS + 1)),
    {"k": "v\\r"}, {"k" * (MAX_LEN + 1): 1}, ("deep", ["x" * (MAX_LEN + 5)]),
])
def test_rejected_before_the_call(bad):
    fake.calls = []
    with mock.patch.object(${mod}, "${fn}", fake):
        with pytest.raises(ValueError):
            ${new}("fine", bad)
    assert fake.calls == []


def test_exact_limits_accepted():
    fake.calls = []
    with mock.patch.object(${mod}, "${fn}", fake):
        ${new}("x" * MAX_LEN, list(range(MAX_ITEMS)), {"k": "v"})
        ${new}({str(i): i for i in range(MAX_ITEMS)}, "spaces and ~ are fine")
    assert len(fake.calls) == 2
'''


class InputLimits:
    """See the module docstring."""

    name = "security/input-limits"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        max_len = rng.choice((16, 32, 64, 100))
        max_items = rng.choice((10, 50, 100))
        new = fresh(parent, f"{f.name}_guarded")
        mod = module_of(parent)
        sig = f"def {new}(*args):"
        doc = f"{f.name}(*args) after rejecting oversized or control-character input."
        code = fill(INPUT_LIMITS_CODE, sig=sig, doc=doc, max_len=max_len, max_items=max_items,
                    fn=f.name)
        bad = code.replace(f"len(value) > {max_len}", f"len(value) >= {max_len}").replace(
            "for key, item in value.items():\n                check(key)\n"
            "                check(item)", "pass")
        test = fill(INPUT_LIMITS_TEST, mod=mod, new=new, max_len=max_len, max_items=max_items,
                    fn=f.name)
        section = (f"Add `{new}(*args)`, the only way requests from the internet reach "
                   f"`{f.name}`: return `{f.name}(*args)`, but first reject (raise "
                   f"`ValueError`, without calling `{f.name}`) any argument that holds, at any "
                   f"depth inside lists, tuples and dicts (keys and values): a string longer "
                   f"than {max_len} characters; a string with a control character (code "
                   f"points 0-31 and 127); a list, tuple or dict with more than {max_items} "
                   f"items. Input exactly at a limit is accepted.")
        ext = Extension(section, code, stub(sig, doc), test, "input_limits", bad,
                        {"function": f.name, "new": new, "max_len": max_len,
                         "max_items": max_items}, title=f"guarded `{new}`")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (LiteralArgs(), InputLimits())
