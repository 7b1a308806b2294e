"""The mutators' layout: ``generators/mutators/<language>/<area>.py``, one ``extend``
helper per language, snippets filled from module-level templates.

These pin the conventions a newcomer relies on when adding an operator: where its
module goes (found from its language and primary area), that every language
package has its ``_extend`` helper and collects its area modules' operators, and
how :func:`generators.mutators.shared.text.fill` turns a template into code.
"""

from __future__ import annotations

import importlib
import pkgutil
import random

import pytest

import generators.mutators as pkg
from codecanary.tasks import default_suite_dir, load_suite
from generators.mutators import all_mutators
from generators.mutators.compose import Compose
from generators.mutators.shared.text import fill

LANGUAGES = ("python", "rust", "javascript", "cpp", "java")
MODULE_OF_AREA = {"async": "asynchronous"}  # ``async`` is a keyword
SEEDS, _ = load_suite([default_suite_dir()])


def _module_for(area: str) -> str:
    return MODULE_OF_AREA.get(area, area.replace("-", "_"))


def test_every_operator_lives_in_its_language_and_area_module() -> None:
    for op in all_mutators():
        if isinstance(op, Compose):
            assert type(op).__module__ == "generators.mutators.compose"
            continue
        parts = type(op).__module__.split(".")
        assert parts[:2] == ["generators", "mutators"] and len(parts) == 4, op.name
        language, module = parts[2], parts[3]
        assert op.languages == (language,), op.name
        assert module.startswith(_module_for(op.weakness[0])), (op.name, module)


def test_each_language_package_has_an_extend_helper_and_collects_its_areas() -> None:
    found = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if m.ispkg)
    assert found == sorted((*LANGUAGES, "shared"))
    for language in LANGUAGES:
        package = importlib.import_module(f"generators.mutators.{language}")
        extend = importlib.import_module(f"generators.mutators.{language}._extend")
        assert callable(extend.extend), language
        areas = [m.name for m in pkgutil.iter_modules(package.__path__)
                 if not m.name.startswith("_")]
        collected = [op for a in areas
                     for op in importlib.import_module(f"{package.__name__}.{a}").OPERATORS]
        assert sorted(op.name for op in package.OPERATORS) == sorted(op.name for op in collected)
        assert {op.name for op in collected} <= {op.name for op in all_mutators()}


@pytest.mark.parametrize("language", ["javascript", "cpp", "java"])
def test_brace_language_helpers_take_only_their_own_language(language: str) -> None:
    applies = importlib.import_module(f"generators.mutators.{language}._extend").applies
    own = [t for t in SEEDS if t.language == language]
    others = [t for t in SEEDS if t.language != language]
    assert own and any(applies(t) for t in own)
    assert not any(applies(t) for t in others)


def test_fill_substitutes_then_dedents() -> None:
    template = """
        def ${fn}(x):
            return x * ${k}  # costs $$1
        """
    assert fill(template, fn="twice", k=2) == "def twice(x):\n    return x * 2  # costs $1\n"
    with pytest.raises(KeyError):
        fill(template, fn="twice")


def test_an_area_operator_from_its_module_is_the_registered_one() -> None:
    from generators.mutators.rust.borrow_checking import OPERATORS

    parent = next(t for t in SEEDS if t.language == "rust")
    registered = {op.name: op for op in all_mutators()}
    for op in OPERATORS:
        a = op.propose(parent, random.Random(3))
        b = registered[op.name].propose(parent, random.Random(3))
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert a.task == b.task
