"""Assistant families describe themselves; `codecanary assistants list` is derived from them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from assistants.base import Assistant, create
from assistants.family import AssistantFamily, Capabilities, assistant_family, describe, families
from codecanary import registry
from codecanary.cli import cli
from codecanary.registry import register


@pytest.fixture()
def scratch_names() -> Iterator[None]:
    """Families a test registers are removed afterwards (the registry is process-wide)."""
    yield
    for name in ("probe-fam", "bare-fam"):
        registry._REGISTRY.get("assistant", {}).pop(name, None)


def test_every_built_in_family_describes_itself() -> None:
    fams = families()
    assert {"sim", "anthropic", "local", "openai", "claude-code", "command"} <= set(fams)
    for name, fam in fams.items():
        assert fam.name == name and fam.examples
        assert all(e == name or e.startswith(f"{name}:") or e.startswith(f"{name}[")
                   for e in fam.examples), fam.examples
    assert fams["local"].capabilities == Capabilities(reuse=True)
    assert fams["sim"].check() == (True, "built in")


def test_a_decorated_factory_is_registered_and_still_callable(scratch_names: None) -> None:
    @assistant_family("probe-fam", examples=("probe-fam:x",),
                      status=lambda: (False, "never here"))
    def make(arg: str | None) -> Assistant:
        return create("sim")

    assert isinstance(make, AssistantFamily)
    assert families()["probe-fam"].check() == (False, "never here")
    assert make(None).id == create("sim").id


def test_a_broken_check_is_reported_and_a_bare_factory_gets_a_generic_description(
        scratch_names: None) -> None:
    def boom() -> tuple[bool, str]:
        raise OSError("disk gone")

    fam = AssistantFamily("x", lambda a: create("sim"), ("x",), boom)
    assert fam.check() == (False, "check failed: OSError: disk gone")

    @register("assistant", "bare-fam")
    def bare(arg: str | None) -> Assistant:
        return create("sim")

    d = describe("bare-fam", bare)
    assert d.examples == ("bare-fam[:arg]",) and d.check() == (True, "no check declared")


def test_assistants_list_shows_each_family_with_its_own_examples_and_status() -> None:
    res = CliRunner().invoke(cli, ["assistants", "list"], env={"COLUMNS": "400",
                                                               "ANTHROPIC_API_KEY": ""})
    assert res.exit_code == 0, res.output
    rows = {line.split("│")[1].strip(): line for line in res.output.splitlines()
            if line.startswith("│")}
    assert "sim, sim:baseline, sim:path/to/profile.toml" in rows["sim"]
    assert "missing key: set ANTHROPIC_API_KEY" in rows["anthropic"]
    assert "openai:<model>@http://127.0.0.1:8000/v1" in rows["openai"]


def test_declared_capabilities_match_what_the_instances_implement() -> None:
    from assistants.base import Batching
    from assistants.family import CostCapped

    made = {"anthropic": create("anthropic:claude-haiku-4-5"), "sim": create("sim"),
            "openai": create("openai:m@http://127.0.0.1:9/v1"),
            "command": create("command:true")}
    fams = families()
    for name, assistant in made.items():
        caps = fams[name].capabilities
        assert isinstance(assistant, Batching) is caps.batch, name
        assert isinstance(assistant, CostCapped) is caps.cost, name
        assert hasattr(assistant, "deterministic") is caps.reuse, name
