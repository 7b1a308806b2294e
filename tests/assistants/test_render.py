"""Prompt rendering: what every assistant sees, and what it must never see."""

from __future__ import annotations

import dataclasses

from assistants.extract import extract_files
from assistants.render import SYSTEM_PROMPT, render, render_file, targets
from codecanary.types import Task


def test_prompt_has_task_workspace_kind_and_targets(py_task: Task) -> None:
    p = render(py_task)
    assert p.system == SYSTEM_PROMPT
    assert py_task.prompt.strip() in p.user
    assert py_task.workspace["solution.py"].strip() in p.user
    assert "### solution.py" in p.user and "Implement" in p.user
    assert p.targets == ("solution.py",) and "`solution.py`" in p.user
    assert p.messages()[0]["role"] == "system" and p.text.startswith(SYSTEM_PROMPT)


def test_hidden_tests_and_reference_never_leak(py_task: Task) -> None:
    user = render(py_task).user
    for text in [*py_task.tests.values(), *py_task.reference.values()]:
        assert text.strip() not in user


def test_kind_changes_the_instruction_and_shape_the_format(py_task: Task) -> None:
    repair = dataclasses.replace(py_task, kind="repair")
    assert "bug" in render(repair).user and "bug" not in render(py_task).user
    agentic = render(py_task, "agentic").user
    assert "in place" in agentic and "fenced" not in agentic


def test_extra_reference_files_are_targets(rust_task: Task) -> None:
    task = dataclasses.replace(rust_task, reference={**rust_task.reference, "src/b.rs": ""})
    assert targets(task) == ("solution.rs", "src/b.rs")


def test_rendered_files_round_trip_through_the_extractor() -> None:
    text = "fn a() {\n    let s = \"```\";\n}\n"
    reply = render_file("src/a.rs", text, "rust") + "\nDone.\n"
    assert extract_files(reply, ["src/a.rs"], "rust") == {"src/a.rs": text}
