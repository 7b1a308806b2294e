"""The local: adapter on the real Qwen2.5-Coder-0.5B (pulled by scripts/bootstrap.sh).

Few and short (small max_tokens): each generation costs seconds on two cores.
"""

from __future__ import annotations

import dataclasses

import pytest

from assistants.base import create
from assistants.local import LocalAssistant, llama_version
from assistants.models import CATALOG, model_path
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import run_tests

pytestmark = pytest.mark.local_model
MODEL = "qwen2.5-coder-0.5b"


@pytest.fixture(scope="module")
def local() -> LocalAssistant:
    a = create(f"local:{MODEL}?max_tokens=200")
    assert isinstance(a, LocalAssistant)
    return a


def test_real_model_answers_and_everything_is_recorded(
        local: LocalAssistant, py_task: Task, sandbox: BwrapSandbox) -> None:
    att = local.attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is None, att.infra_error
    assert att.assistant == f"local:{MODEL}"
    sha = CATALOG[MODEL].sha256[:12]
    assert att.version == f"{model_path(MODEL).name}@{sha} llama-cpp-python/{llama_version()}"
    assert att.prompt_tokens > 100 and 0 < att.completion_tokens <= 200
    assert att.latency_s > 0 and att.cost_usd == 0
    assert att.meta["temperature"] == "0.0" and "[assistant]" in att.transcript
    assert "display_name" in att.files.get("solution.py", ""), att.transcript
    execution = run_tests(sandbox, py_task, att.files)
    assert execution.infra_error is None  # pass or fail is the model's business


def test_greedy_samples_reuse_the_deterministic_answer(local: LocalAssistant,
                                                       py_task: Task) -> None:
    first = local.attempt(py_task, 0, "2026-01-01")
    again = local.attempt(py_task, 1, "2026-01-01")
    assert "reused_from" in again.meta and again.files == first.files


def test_sampling_with_seed_is_recorded(py_task: Task) -> None:
    a = create(f"local:{MODEL}?temperature=0.8&seed=11&max_tokens=48")
    assert isinstance(a, LocalAssistant)
    att = a.attempt(py_task, 2, "2026-01-01")
    assert att.meta["seed"] == "13" and att.meta["temperature"] == "0.8"
    assert "reused_from" not in att.meta and att.completion_tokens <= 48


def test_prompt_too_long_for_the_context_is_infra(local: LocalAssistant, py_task: Task) -> None:
    small = dataclasses.replace(local, ctx=512)
    long_task = dataclasses.replace(py_task, prompt=py_task.prompt + " filler" * 800)
    att = small.attempt(long_task, 0, "2026-01-01")
    assert att.infra_error and "context" in att.infra_error and att.files == {}
