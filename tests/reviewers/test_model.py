"""The model reviewer: strict parsing, the Anthropic backend over a real loopback socket
(fake API server), and the real local GGUF model when it has been pulled."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from assistants.anthropic_api import AnthropicChat
from assistants.llama_process import WORKER_ENV
from assistants.models import ModelError, resolve
from codecanary.types import Attempt, Task
from reviewers.model import ModelReviewer, RejectedReview, build_prompt, parse_findings
from tests.fakes.anthropic_server import FakeAnthropic, Reply, server_error

FILES = {"solution.py": "def f(x):\n    return x.y\n"}
GOOD = {"findings": [{"category": "null-handling", "severity": "error",
                      "location": "solution.py:2", "explanation": "x may be None"}]}


def test_strict_parser_accepts_exact_shape_and_a_fence() -> None:
    (f,) = parse_findings(json.dumps(GOOD), FILES)
    assert (f.category, f.severity, f.location, f.text) == (
        "null-handling", "error", "solution.py:2", "x may be None")
    assert parse_findings("```json\n" + json.dumps(GOOD) + "\n```", FILES) == (f,)
    assert parse_findings('{"findings": []}', FILES) == ()


@pytest.mark.parametrize(("reply", "reason"), [
    ("Looks fine to me!", "not JSON"),
    ('Sure: {"findings": []}', "not JSON"),
    ('{"findings": [], "summary": "ok"}', "exactly one key"),
    ('{"findings": {}}', "must be a list"),
    ('{"findings": [{"category": "bugs", "severity": "error", "location": "solution.py:1", '
     '"explanation": "x"}]}', "category 'bugs'"),
    ('{"findings": [{"category": "style", "severity": "high", "location": "solution.py:1", '
     '"explanation": "x"}]}', "severity 'high'"),
    ('{"findings": [{"category": "style", "severity": "info", "location": "other.py:1", '
     '"explanation": "x"}]}', "not a file of the answer"),
    ('{"findings": [{"category": "style", "severity": "info", "location": "solution.py:9", '
     '"explanation": "x"}]}', "outside solution.py"),
    ('{"findings": [{"category": "style", "severity": "info", "location": "solution.py", '
     '"explanation": "x"}]}', "not FILE:LINE"),
    ('{"findings": [{"category": "style", "severity": "info", "location": "solution.py:1", '
     '"explanation": ""}]}', "non-empty"),
    ('{"findings": [{"category": "style", "severity": "info", "location": "solution.py:1"}]}',
     "has keys"),
])
def test_strict_parser_rejects_with_the_reason(reply: str, reason: str) -> None:
    with pytest.raises(RejectedReview, match=reason):
        parse_findings(reply, FILES)


def _attempt(task: Task, files: dict[str, str]) -> Attempt:
    return Attempt(task.id, "sim", "baseline", 0, files)


def test_anthropic_backend_against_the_fake_api(review_tasks: dict[str, Task]) -> None:
    task = review_tasks["display-name"]
    code = "def display_name(user):\n    name = user.get('name')\n    return name\n"
    with FakeAnthropic() as fake:
        backend = AnthropicChat("claude-haiku-4-5", base_url=fake.url, api_key="test-key",
                                retries=0)
        reviewer = ModelReviewer(backend)
        fake.enqueue(Reply(text=json.dumps({"findings": [{
            "category": "null-handling", "severity": "error", "location": "solution.py:2",
            "explanation": "user may be None"}]})))
        ok = reviewer.review(task, _attempt(task, {"solution.py": code}))
        fake.enqueue(Reply(text="The code looks good overall."))
        bad = reviewer.review(task, _attempt(task, {"solution.py": code}))
        fake.enqueue(server_error())
        down = reviewer.review(task, _attempt(task, {"solution.py": code}))
        sent = [r.body for r in fake.log if r.path.startswith("/v1/messages")]
    assert ok.rejected is None and ok.review.reviewer == "model:anthropic:claude-haiku-4-5"
    assert [(f.category, f.location) for f in ok.review.findings] == [
        ("null-handling", "solution.py:2")]
    assert bad.rejected is not None and bad.rejected.startswith("not JSON")
    assert not bad.review.findings
    assert down.rejected is not None and down.rejected.startswith("backend error")
    assert sent[0]["model"] == "claude-haiku-4-5" and "JSON only" in sent[0]["system"]
    assert "   2 |     name = user.get('name')" in sent[0]["messages"][0]["content"]
    assert "test_" not in sent[0]["messages"][0]["content"]  # hidden tests never shown


def test_reviewer_is_independent_of_the_assistant_under_test() -> None:
    backend = AnthropicChat("claude-haiku-4-5", api_key="k")
    reviewer = ModelReviewer(backend)
    assert reviewer.independent_of("sim", "baseline@1234")
    assert not reviewer.independent_of("anthropic:claude-haiku-4-5")
    assert reviewer.independent_of("anthropic:claude-opus-4-1")


def test_prompt_has_task_and_numbered_answer(review_tasks: dict[str, Task]) -> None:
    task = review_tasks["window-sums"]
    prompt = build_prompt(task, _attempt(task, dict(task.reference)))
    assert "window_sums" in prompt and "areas: boundaries" in prompt
    assert "   1 | def window_sums(xs, k):" in prompt


def _local_model() -> Path | None:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return None
    try:
        return resolve("qwen2.5-coder-1.5b")
    except ModelError:
        return None


@pytest.mark.skipif(_local_model() is None, reason=(
    "needs llama-cpp-python and the qwen2.5-coder-1.5b GGUF: "
    "`codecanary models pull qwen2.5-coder-1.5b` (the local-assistant work of issue 5)"))
def test_real_local_model_reviews_a_null_bug(review_tasks: dict[str, Task]) -> None:
    from assistants.local import LocalChat
    from reviewers.model import JSON_SCHEMA

    task = review_tasks["display-name"]
    code = ("def display_name(user):\n    name = user.get('name')\n"
            "    if name is None or not name.strip():\n        return 'anonymous'\n"
            "    return name.strip()\n")
    reviewer = ModelReviewer(LocalChat("qwen2.5-coder-1.5b", schema=JSON_SCHEMA), max_tokens=512)
    out = reviewer.review(task, _attempt(task, {"solution.py": code}))
    # Grammar-constrained output parses; whatever the model says is well-formed or rejected
    # with a reason (a line number outside the file, say), never a crash.
    assert out.rejected is None or out.rejected.startswith("finding")
    for f in out.review.findings:
        assert f.location.startswith("solution.py:")


@pytest.mark.local_model
@pytest.mark.skipif(_local_model() is None, reason="needs llama-cpp-python and the 1.5b GGUF")
def test_a_native_crash_of_the_local_reviewer_costs_one_review(
        review_tasks: dict[str, Task], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistants.local import LocalChat
    from reviewers.model import JSON_SCHEMA

    crasher = Path(__file__).resolve().parents[1] / "fakes" / "crashing_llama_worker.py"
    monkeypatch.setenv(WORKER_ENV, f"{sys.executable} {crasher}")
    monkeypatch.setenv("CRASH_COUNTER", str(tmp_path / "calls"))
    monkeypatch.setenv("CRASH_CALLS", "1")
    task = review_tasks["display-name"]
    attempt = _attempt(task, dict(task.reference))
    reviewer = ModelReviewer(LocalChat("qwen2.5-coder-1.5b", schema=JSON_SCHEMA), max_tokens=64)
    first = reviewer.review(task, attempt)
    assert first.rejected is not None and "SIGSEGV" in first.rejected, first.rejected
    second = reviewer.review(task, attempt)  # a fresh worker answers
    assert second.rejected is None or "backend error" not in second.rejected, second.rejected
    assert (tmp_path / "calls").read_text() == "2"
