"""The simulated assistant: profiles, determinism, and injected faults that really fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistants.sim import ProfileError, SimAssistant, load_profile, parse_profile
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import run_tests

ALWAYS = 'name = "always"\ndefault = 1.0\n'
NEVER = 'name = "never"\ndefault = 0.0\n'


def test_builtin_profile_loads() -> None:
    p = load_profile("baseline")
    assert p.name == "baseline" and 0 < p.rate("concurrency", "python", "2026-01-01") < 1


def test_area_at_language_overrides_area() -> None:
    p = parse_profile('[rates]\n"null-handling" = 0.1\n"null-handling@rust" = 0.7\n', "p.toml")
    assert p.rate("null-handling", "rust", "2026-01-01") == 0.7
    assert p.rate("null-handling", "python", "2026-01-01") == 0.1


def test_drift_raises_rate_per_night() -> None:
    p = parse_profile('default = 0.1\n[drift]\nstart = "2026-01-10"\nconcurrency = 0.05\n', "d")
    assert p.rate("concurrency", "python", "2026-01-09") == pytest.approx(0.1)
    assert p.rate("concurrency", "python", "2026-01-12") == pytest.approx(0.2)


@pytest.mark.parametrize(("text", "needle"), [
    ('[rates]\n"null-handlin" = 0.3\n', "rates.null-handlin"),
    ('default = 3\n', "'default'"),
    ('colour = "red"\n', "unknown field"),
    ('default = \n', "not valid TOML"),
])
def test_bad_profiles_name_file_and_field(text: str, needle: str) -> None:
    with pytest.raises(ProfileError) as exc:
        parse_profile(text, "my-profile.toml")
    assert "my-profile.toml" in str(exc.value) and needle in str(exc.value)


def test_missing_profile_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile(str(tmp_path / "nope.toml"))


def test_deterministic(py_task: Task) -> None:
    a = SimAssistant(load_profile("baseline"))
    b = SimAssistant(load_profile("baseline"))
    for s in range(20):
        night = "2026-01-01"
        assert a.attempt(py_task, s, night).files == b.attempt(py_task, s, night).files


def test_rate_zero_answers_reference(py_task: Task) -> None:
    sim = SimAssistant(parse_profile(NEVER, "never"))
    att = sim.attempt(py_task, 0, "2026-01-01")
    assert att.files == py_task.reference and att.meta["fault"] == "none"


def test_injected_faults_fail_the_tests(sandbox: BwrapSandbox, mini_tasks: list[Task]) -> None:
    sim = SimAssistant(parse_profile(ALWAYS, "always"))
    for task in mini_tasks:
        att = sim.attempt(task, 0, "2026-01-01")
        assert att.meta["fault"] not in ("none", "no-answer")
        assert att.files[task.entry_point] != task.reference[task.entry_point]
        assert not run_tests(sandbox, task, att.files).passed, task.name
