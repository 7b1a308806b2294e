"""A night on a machine without a language's toolchain: the attempts of that language are
recorded as infra errors naming the tool (excluded from pass rates), never as compile
failures of the assistant. Real campaign graph, real bwrap sandbox, real seed tasks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from agent.graph import run_campaign
from agent.state import Deps
from assistants.sim import SimAssistant, parse_profile
from codecanary.store import Store
from codecanary.tasks import load_task
from sandbox import toolchains
from sandbox.bwrap import BwrapSandbox
from tests.conftest import SEED_TASKS

# language, a seed task, the tool the error must name (hidden with its aliases), the install
CASES = [("javascript", "javascript/null-handling/get-set-in", ("node", "nodejs"),
          "apt-get install nodejs"),
         ("java", "java/null-handling/customer-summary-refactor", ("javac",),
          "apt-get install openjdk-17-jdk-headless")]


@pytest.mark.parametrize(("language", "folder", "tools", "install"), CASES)
def test_missing_toolchain_is_recorded_as_infra(
        tmp_path: Path, sandbox: BwrapSandbox, hide_tools: Callable[..., None],
        language: str, folder: str, tools: tuple[str, ...], install: str) -> None:
    if toolchains.missing(language):
        pytest.skip(f"this machine lacks the {language} toolchain itself")
    task = load_task(SEED_TASKS / folder)
    store = Store(f"sqlite:///{tmp_path / 'night.db'}")
    store.save_tasks([task])
    perfect = SimAssistant(parse_profile('name = "perfect"\ndefault = 0.0\n', "p.toml"))
    deps = Deps(store=store, sandbox=sandbox, assistant=perfect, tasks={task.id: task},
                night="2026-01-01")
    hide_tools(*tools)
    cid = store.start_campaign("nightly", "2026-01-01", "sim", perfect.version, {})
    summary = run_campaign(deps, cid, samples=1)
    [row] = store.results(cid)
    assert row["failure_class"] == "infra" and not row["passed"], row
    assert tools[0] in row["infra_error"] and install in row["infra_error"], row["infra_error"]
    assert summary["infra_errors"] == 1, summary
