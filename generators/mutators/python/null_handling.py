"""Null-handling operators: the child must cope with ``None`` and missing keys.

* ``null-handling/none-passthrough`` — ``f`` returns ``None`` when one of its required
  arguments is ``None`` (a guard is added to the reference; examples harvested
  from the parent's tests get ``None`` at that position).
* ``null-handling/default-on-none`` — passing ``None`` for a parameter with a default
  behaves as if it had been left out.
* ``null-handling/optional-batch`` — ``f_each(calls)`` maps ``f`` over argument tuples
  where the list itself or any item may be ``None``.
* ``null-handling/missing-keys`` — ``f_from_record(record)`` calls ``f`` from a dict
  that may be ``None``, lack keys or hold ``None`` values; hypothesis draws the
  dicts from a widened strategy.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation, depth_of, derive
from generators.mutators.python._extend import (
    Extension,
    Func,
    examples,
    extend,
    fresh,
    functions,
    module_of,
    pick,
    stub,
)
from generators.mutators.python._guard import guarded, handles_none, literal
from generators.mutators.shared.text import fill

AREA = ("null-handling",)


NONE_PASSTHROUGH_TEST = '''
import pytest

from ${mod} import ${fn}

CALLS = ${repr_calls}


@pytest.mark.parametrize("args", CALLS)
def test_${fn}_none_${param}_gives_none(args):
    call = list(args)
    call[${p}] = None
    assert ${fn}(*call) is None
'''


class NonePassthrough:
    """See the module docstring: ``f(..., None, ...)`` is ``None``."""

    name = "null-handling/none-passthrough"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        funcs = [f for f in functions(parent) if f.required >= 1 and not f.varargs]
        rng.shuffle(funcs)
        for f in funcs:
            calls = [a for a in examples(parent, f.name) if len(a) >= f.required
                     and literal(a)]
            if not calls:
                if f.required != 1 or len(f.params) != 1:
                    continue
                calls = [(0,)]
            source = parent.reference[parent.entry_point]
            positions = [p for p in range(f.required)
                         if all(a[p] is not None for a in calls)
                         and not handles_none(source, f.name, f.params[p])
                         and f"{f.name}(None" not in "".join(parent.tests.values())]
            if not positions:
                continue
            p = rng.choice(positions)
            param = f.params[p]
            made = guarded(parent, f.name, f"if {param} is None:\n    return None")
            if made is None:
                continue
            reference, mutants = made
            mutants["none-passthrough-bad"] = {parent.entry_point:
                                               parent.reference[parent.entry_point]}
            depth = depth_of(parent) + 1
            test = fill(NONE_PASSTHROUGH_TEST, mod=module_of(parent), fn=f.name,
                        repr_calls=repr(calls), param=param, p=p)
            tests = {**parent.tests, f"test_none_{param}_g{depth}.py": test}
            prompt = (parent.prompt.rstrip("\n") + f"\n\n## Additional requirement ({depth})"
                      f"\n\n`{f.name}` may now be called with `{param}=None` (the value is "
                      f"missing upstream). In that case it returns `None` at once, without "
                      "raising and without doing anything else. Every other behaviour stays "
                      "as specified.\n")
            return derive(parent, self.name, {"function": f.name, "param": param,
                                              "position": p, "examples": len(calls)},
                          prompt=prompt, reference=reference, tests=tests, mutants=mutants,
                          weakness=AREA)
        return None


DEFAULT_ON_NONE_TEST = '''
import pytest

from ${mod} import ${fn}

CALLS = ${repr_calls}


@pytest.mark.parametrize("args", CALLS)
def test_${fn}_${param}_none_means_default(args):
    assert ${fn}(*args, ${param}=None) == ${fn}(*args)


@pytest.mark.parametrize("args", CALLS)
def test_${fn}_${param}_explicit_default(args):
    assert ${fn}(*args, ${param}=${default}) == ${fn}(*args)
'''


class DefaultOnNone:
    """See the module docstring: ``None`` for a defaulted parameter means the default."""

    name = "null-handling/default-on-none"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        options: list[tuple[Func, int, list[tuple[object, ...]]]] = []
        for f in functions(parent):
            if f.varargs:
                continue
            calls = [a for a in examples(parent, f.name) if literal(a)]
            for q in range(f.required, len(f.params)):
                default = f.defaults[q - f.required]
                usable = [a for a in calls if len(a) <= q]
                source = parent.reference[parent.entry_point]
                # None for a False default changes nothing where it is only tested for truth
                if default not in ("None", "False") and usable and not handles_none(
                        source, f.name, f.params[q]):
                    options.append((f, q, usable))
        if not options:
            return None
        f, q, calls = rng.choice(options)
        param, default = f.params[q], f.defaults[q - f.required]
        made = guarded(parent, f.name, f"if {param} is None:\n    {param} = {default}")
        if made is None:
            return None
        reference, mutants = made
        mutants["default-on-none-bad"] = {parent.entry_point: parent.reference[parent.entry_point]}
        depth = depth_of(parent) + 1
        test = fill(DEFAULT_ON_NONE_TEST, mod=module_of(parent), fn=f.name,
                    repr_calls=repr(calls), param=param, default=default)
        tests = {**parent.tests, f"test_{param}_none_default_g{depth}.py": test}
        prompt = (parent.prompt.rstrip("\n") + f"\n\n## Additional requirement ({depth})\n\n"
                  f"Callers of `{f.name}` often pass `{param}=None` when they have no value. "
                  f"`None` for `{param}` must behave exactly as if `{param}` had been left out "
                  f"(the default, `{default}`).\n")
        return derive(parent, self.name, {"function": f.name, "param": param,
                                          "default": default, "examples": len(calls)},
                      prompt=prompt, reference=reference, tests=tests, mutants=mutants,
                      weakness=AREA)


OPTIONAL_BATCH_CODE = '''
${sig}
    """${doc}"""
    if calls is None:
        return []
    return [None if args is None else ${fn}(*args) for args in calls]
'''

OPTIONAL_BATCH_BAD = '''
${sig}
    return [${fn}(*args) for args in calls]
'''

OPTIONAL_BATCH_TEST = '''
from unittest import mock

from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${new}

ARGS = st.tuples(st.integers(-5, 5)) | st.tuples(st.text(max_size=3), st.integers())


def fake(*args):
    fake.calls.append(args)
    return ("result", args)


def test_none_list_is_empty():
    assert ${new}(None) == []
    assert ${new}([]) == []


@settings(max_examples=80)
@given(st.lists(st.none() | ARGS, max_size=8))
def test_none_items_give_none(calls):
    fake.calls = []
    with mock.patch.object(${mod}, "${fn}", fake):
        got = ${new}(calls)
    assert got == [None if c is None else ("result", c) for c in calls]
    assert fake.calls == [c for c in calls if c is not None]
'''


class OptionalBatch:
    """See the module docstring: ``f_each(calls)`` with ``None`` lists and items."""

    name = "null-handling/optional-batch"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        f = pick(parent, rng)
        if f is None:
            return None
        new = fresh(parent, f"{f.name}_each")
        mod = module_of(parent)
        sig = f"def {new}(calls):"
        doc = (f"Apply {f.name} to each argument tuple; None list -> [], None item -> None.")
        code = fill(OPTIONAL_BATCH_CODE, sig=sig, doc=doc, fn=f.name)
        bad = fill(OPTIONAL_BATCH_BAD, sig=sig, fn=f.name)
        test = fill(OPTIONAL_BATCH_TEST, mod=mod, new=new, fn=f.name)
        section = (f"Add `{new}(calls)`: `calls` is a list of argument tuples for `{f.name}`, "
                   f"and returns the list of `{f.name}(*args)` results in order. Data comes "
                   f"from a sparse source: `calls` itself may be `None` (return `[]`), and any "
                   f"item may be `None` (its result is `None`, and `{f.name}` is not called "
                   f"for it). Call `{f.name}` through its module-level name, once per "
                   "non-`None` item.")
        ext = Extension(section, code, stub(sig, doc), test, "none_items", bad,
                        {"function": f.name, "new": new}, title=f"`{new}` with None items")
        return extend(parent, self.name, AREA, ext)


MISSING_KEYS_CODE = '''
${sig}
    """${doc}"""
    if record is None:
        return None
    known = ${repr_params}
    kwargs = {k: v for k, v in record.items() if k in known and v is not None}
    if any(name not in kwargs for name in ${repr_required}):
        return None
    return ${fn}(**kwargs)
'''

MISSING_KEYS_BAD = '''
${sig}
    if record is None:
        return None
    known = ${repr_params}
    kwargs = {k: v for k, v in record.items() if k in known}
    if any(name not in kwargs for name in ${repr_required}):
        return None
    return ${fn}(**kwargs)
'''

MISSING_KEYS_TEST = '''
from unittest import mock

from hypothesis import given, settings, strategies as st

import ${mod}
from ${mod} import ${new}

PARAMS = ${repr_params}
REQUIRED = ${repr_required}
RECORDS = st.none() | st.dictionaries(
    st.sampled_from(PARAMS + ["unrelated", "extra_key"]),
    st.none() | st.integers() | st.text(max_size=3), max_size=len(PARAMS) + 2)


def fake(**kwargs):
    fake.calls.append(kwargs)
    return ("result", sorted(kwargs.items()))


@settings(max_examples=120)
@given(RECORDS)
def test_record_with_missing_keys(record):
    fake.calls = []
    with mock.patch.object(${mod}, "${fn}", fake):
        got = ${new}(record)
    if record is None:
        assert got is None and fake.calls == []
        return
    present = {k: v for k, v in record.items() if k in PARAMS and v is not None}
    if any(name not in present for name in REQUIRED):
        assert got is None and fake.calls == []
    else:
        assert fake.calls == [present]
        assert got == ("result", sorted(present.items()))


def test_full_record():
    fake.calls = []
    record = {name: i for i, name in enumerate(PARAMS)}
    with mock.patch.object(${mod}, "${fn}", fake):
        ${new}(record)
    assert fake.calls == [record]
'''


class MissingKeys:
    """See the module docstring: ``f_from_record(record)`` with missing keys and None values."""

    name = "null-handling/missing-keys"
    weakness = AREA
    languages = ("python",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        funcs = [f for f in functions(parent) if f.params and not f.varargs]
        if not funcs:
            return None
        f = rng.choice(funcs)
        new = fresh(parent, f"{f.name}_from_record")
        mod = module_of(parent)
        params = list(f.params)
        required = params[:f.required]
        sig = f"def {new}(record):"
        doc = f"Call {f.name} with the record's keys; None if a required one is missing."
        code = fill(MISSING_KEYS_CODE, sig=sig, doc=doc, repr_params=repr(params),
                    repr_required=repr(required), fn=f.name)
        bad = fill(MISSING_KEYS_BAD, sig=sig, repr_params=repr(params),
                   repr_required=repr(required), fn=f.name)
        test = fill(MISSING_KEYS_TEST, mod=mod, new=new, repr_params=repr(params),
                    repr_required=repr(required), fn=f.name)
        section = (f"Add `{new}(record)`: records arrive as dicts keyed by the parameter names "
                   f"of `{f.name}` ({', '.join(f'`{p}`' for p in params)}). Call "
                   f"`{f.name}` (through its module-level name) with the record's entries as "
                   f"keyword arguments and return its result. The data is incomplete: "
                   f"`record` may be `None`; keys may be missing; values may be `None`, which "
                   f"counts as missing (so a parameter with a default gets its default); keys "
                   f"that are not parameters are ignored. When the record is `None` or a "
                   f"required parameter ({', '.join(f'`{p}`' for p in required) or 'none'}) is "
                   f"missing, return `None` without calling `{f.name}`.")
        ext = Extension(section, code, stub(sig, doc), test, "missing_keys", bad,
                        {"function": f.name, "new": new, "params": params},
                        title=f"`{new}` from incomplete records")
        return extend(parent, self.name, AREA, ext)


OPERATORS = (NonePassthrough(), DefaultOnNone(), OptionalBatch(), MissingKeys())
