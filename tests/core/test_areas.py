"""The weakness-area table is the one source: lists, importer rules, re-runs, languages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from codecanary import areas
from codecanary.areas import AREAS, BY_NAME, CATCH_ALL, KEYWORD_RULES, Area, language_error
from codecanary.tasks import TaskError, load_task
from codecanary.types import WEAKNESSES
from generators.importers import Problem, weakness_of
from reviewers import anatomy
from tests.conftest import MINI_SUITE

PY_TASK = MINI_SUITE / "python" / "null-handling" / "display-name"


def test_the_area_list_is_the_table_in_order() -> None:
    assert tuple(a.name for a in AREAS) == WEAKNESSES
    assert WEAKNESSES[:3] == ("concurrency", "null-handling", "borrow-checking")
    assert len(set(WEAKNESSES)) == len(WEAKNESSES)
    assert all(a.description and re.fullmatch(r"[a-z]+(-[a-z]+)*", a.name) for a in AREAS)
    assert CATCH_ALL in BY_NAME


def test_importer_rules_come_from_the_rows_in_rank_order() -> None:
    ranked = [a for a in AREAS if a.keywords is not None]
    assert [name for name, _ in KEYWORD_RULES] == [
        a.name for a in sorted(ranked, key=lambda a: a.keyword_rank)]
    assert [name for name, _ in KEYWORD_RULES] == [
        "null-handling", "error-handling", "performance", "boundaries"]
    assert len({a.keyword_rank for a in ranked}) == len(ranked)
    text = 'def f(xs):\n    """Return None for an empty list; raise ValueError on -1."""\n'
    problem = Problem(task_id="Demo/1", prompt=text, canonical_solution="    return None\n",
                      test="", entry_point="f", line=1)
    assert weakness_of(problem) == ("null-handling", "error-handling", "boundaries")
    plain = Problem(task_id="Demo/2", prompt="def g(a, b):\n    pass\n",
                    canonical_solution="    return a * b\n", test="", entry_point="g", line=1)
    assert weakness_of(plain) == (CATCH_ALL,)


def test_rerun_policy_is_the_rows_flag() -> None:
    assert anatomy.RERUN_AREAS is areas.RERUN_AREAS
    assert {"concurrency", "async"} == areas.RERUN_AREAS
    assert {a.name for a in AREAS if a.rerun} == areas.RERUN_AREAS


def test_language_restriction() -> None:
    assert language_error("borrow-checking", "rust") is None
    assert language_error("borrow-checking", "python") == "borrow-checking is for Rust only"
    assert all(language_error(a.name, "python") is None for a in AREAS if a.languages is None)
    assert Area("x", "y", languages=("cpp", "java")).allows("java")
    assert not Area("x", "y", languages=("cpp", "java")).allows("python")


def test_the_loader_refuses_an_area_outside_its_languages(tmp_path: Path) -> None:
    folder = tmp_path / "display-name"
    shutil.copytree(PY_TASK, folder)
    toml = folder / "task.toml"
    text = toml.read_text()
    assert '["null-handling"]' in text
    toml.write_text(text.replace('["null-handling"]', '["null-handling", "borrow-checking"]'))
    with pytest.raises(TaskError, match="borrow-checking is for Rust only"):
        load_task(folder)
