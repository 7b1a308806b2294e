"""The typed campaign spec: its recorded config round trip, old configs still read,
one error policy for the user's mistakes, and reviewers recorded and rebuilt by resume."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from agent import opening
from agent.campaign import CampaignSpec, Outputs
from codecanary.cli import cli
from codecanary.store import Store
from codecanary.tasks import load_suite
from codecanary.types import Task
from reviewers.records import reviews

ROOT = Path(__file__).resolve().parents[2]
PY_SUITE = ROOT / "tests/fixtures/mini_suite/python"

NIGHTLY = CampaignSpec(
    mode="nightly", assistant="sim:baseline", night="2026-01-05", tasks=("a", "b"), samples=3,
    budget=40, seed=20260105, sandbox="unsafe-local", workers=4, generator="local:tiny",
    self_generation=True, reviewers="static,model:local:qwen2.5-coder-1.5b", window=14,
    cost_cap=2.5, checkpoints="/tmp/x.db.checkpoints",
    outputs=Outputs("/tmp/r.html", "/tmp/s.json"))
PROBE = CampaignSpec(
    mode="probe", assistant="sim", night="2026-01-06", tasks=("c",), samples=1, budget=20,
    seed=0, focus=("null-handling@python",), reviewers="", outputs=Outputs(None, "/tmp/p.json"))

# What `nightly` and `probe` recorded in the campaign row before the spec existed.
OLD_NIGHTLY = {
    "assistant_spec": "sim:baseline", "samples": 3, "tasks": ["a", "b"], "sandbox": "bwrap",
    "monitor": {"window": 14}, "budget": 0, "seed": 20260105, "workers": 2,
    "checkpoints": "/db.checkpoints", "generator": None, "self_generation": False,
    "report": "/r.html", "json": None, "batch": {"id": "msgbatch_1", "key": "k", "capped": []}}
OLD_PROBE = {
    "assistant_spec": "sim", "samples": 1, "tasks": ["c"], "sandbox": "unsafe-local",
    "budget": 20, "seed": 0, "focus": ["null-handling@python"], "workers": 2,
    "checkpoints": "/db.checkpoints", "generator": None, "self_generation": False,
    "report": None, "json": "/p.json"}


@pytest.mark.parametrize("spec", [NIGHTLY, PROBE], ids=["nightly", "probe"])
def test_spec_round_trips_through_the_recorded_config(spec: CampaignSpec) -> None:
    back = CampaignSpec.from_config(spec.to_config(), mode=spec.mode, night=spec.night,
                                    assistant="ignored")
    assert back == spec


def test_config_keeps_the_keys_campaigns_have_always_recorded() -> None:
    old_keys = set(OLD_NIGHTLY) - {"batch"}
    assert set(NIGHTLY.to_config()) == old_keys | {"reviewers", "executor", "cost_cap"}
    assert set(PROBE.to_config()) == set(OLD_PROBE) | {"reviewers", "executor"}


def test_old_configs_still_read() -> None:
    night = CampaignSpec.from_config(OLD_NIGHTLY, mode="nightly", night="2026-01-05",
                                     assistant="sim-baseline")
    assert (night.assistant, night.samples, night.tasks, night.window) == \
        ("sim:baseline", 3, ("a", "b"), 14)
    assert night.batch and night.reviewers is None and night.executor == "local"
    assert night.outputs == Outputs("/r.html", None)
    probe = CampaignSpec.from_config(OLD_PROBE, mode="probe", night="2026-01-06",
                                     assistant="sim")
    assert probe.focus == ("null-handling@python",) and probe.window is None
    assert probe.sandbox == "unsafe-local" and not probe.batch
    bare = CampaignSpec.from_config({}, mode="nightly", night="2026-01-01", assistant="sim")
    assert (bare.assistant, bare.samples, bare.sandbox, bare.workers) == ("sim", 1, "bwrap", 2)


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        CampaignSpec(mode="weekly", assistant="sim", night="2026-01-01")


@pytest.mark.parametrize(("change", "option"), [
    ({"assistant": "nosuchfamily"}, "--assistant"),
    ({"assistant": "local:not-pulled-model"}, "--assistant"),
    ({"sandbox": "nosuchsandbox"}, "--sandbox"),
    ({"reviewers": "static,nosuchreviewer"}, "--reviewers"),
    ({"generator": "sim"}, "--generator"),  # the assistant under test, not allowed
    ({"executor": "ray"}, "--executor"),
    ({"cost_cap": 1.0}, "--cost-cap"),  # sim does not report cost
])
def test_every_user_mistake_names_its_option(tmp_path: Path, change: dict[str, object],
                                             option: str) -> None:
    spec = CampaignSpec(mode="probe", assistant="sim", night="2026-01-01",
                        sandbox="unsafe-local").replace(**change)
    with pytest.raises(opening.CampaignError) as caught:
        opening.open_campaign(spec, Store(f"sqlite:///{tmp_path / 'c.db'}"))
    assert caught.value.option == option and caught.value.message


def test_probe_with_a_model_not_pulled_is_a_one_line_usage_error(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", "from codecanary.cli import main; main()", "probe",
         "--weakness", "null-handling", "--assistant", "local:not-pulled-model",
         "--db", f"sqlite:///{tmp_path / 'p.db'}", "--sandbox", "unsafe-local"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "--assistant" in errors[0] and "not-pulled-model" in errors[0]


def _py_tasks() -> list[Task]:
    tasks, errors = load_suite([PY_SUITE])
    assert tasks and not errors
    return tasks[:1]


@pytest.mark.parametrize("recorded", ["", "static"])
def test_resume_rebuilds_the_recorded_reviewers(tmp_path: Path, recorded: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A campaign dies before its first checkpoint; resume reviews (or not) as recorded,
    whatever $CODECANARY_REVIEWERS says now."""
    db = f"sqlite:///{tmp_path / 'r.db'}"
    tasks = _py_tasks()
    spec = CampaignSpec(mode="nightly", assistant="sim", night="2026-01-05",
                        tasks=tuple(t.id for t in tasks), samples=1, sandbox="unsafe-local",
                        workers=1, reviewers=recorded, window=14)
    camp = opening.open_campaign(spec, Store(db), tasks)
    cid = opening.begin(camp)
    assert Store(db).campaign(cid).config["reviewers"] == recorded
    monkeypatch.setenv("CODECANARY_REVIEWERS", "" if recorded else "static")
    res = CliRunner().invoke(cli, ["resume", str(cid), "--db", db])
    assert res.exit_code in (0, 1), res.output
    store = Store(db)
    assert store.campaign(cid).status == "done"
    got = {r["reviewer"] for r in reviews(store, cid)}
    assert got == ({"static"} if recorded else set())


def test_campaign_commands_import_none_of_each_other() -> None:
    """nightly, probe and resume are thin commands over agent.opening: no import circle."""
    import ast

    commands = {"nightly", "probe", "resume"}
    for name in commands:
        tree = ast.parse((ROOT / "codecanary/cli" / f"{name}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        others = {f"codecanary.cli.{o}" for o in commands - {name}}
        assert not imported & others, f"cli/{name}.py imports {imported & others}"
