"""The openai: adapter against a fake chat-completions server on a real loopback socket."""

from __future__ import annotations

import time

import httpx
import pytest

from assistants.base import create
from assistants.openai_compat import OpenAICompatAssistant, parse_spec, retry_after
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import run_tests
from tests.assistants.fake_openai import FakeOpenAI, completion

GOOD = ("Here is my solution.\n\n### solution.py\n```python\ndef display_name(user):\n"
        "    if user is None or not (user.get('name') or '').strip():\n"
        "        return 'anonymous'\n    return user['name'].strip()\n```\nDone.")
BAD = "```python\ndef display_name(user):\n    return user['name'].strip()\n```"


def make(srv: FakeOpenAI, **kw: object) -> OpenAICompatAssistant:
    a = create(f"openai:fake-coder@{srv.base_url}?retries=3")
    assert isinstance(a, OpenAICompatAssistant)
    a.backoff = 0.01
    for k, v in kw.items():
        setattr(a, k, v)
    return a


def test_answer_is_extracted_recorded_and_passes_in_the_sandbox(
        py_task: Task, sandbox: BwrapSandbox) -> None:
    with FakeOpenAI([(200, {}, completion(GOOD, model="fake-coder-2024-06"))]) as srv:
        a = make(srv)
        att = a.attempt(py_task, 0, "2026-01-01")
    sent = srv.requests[0]
    assert sent["model"] == "fake-coder" and sent["temperature"] == 0
    assert sent["messages"][0]["role"] == "system"
    assert py_task.prompt.strip() in sent["messages"][1]["content"]
    assert att.infra_error is None and att.version == "fake-coder-2024-06"
    assert att.prompt_tokens == 42 and att.completion_tokens == 17 and att.latency_s > 0
    assert "[assistant]" in att.transcript and GOOD in att.transcript
    assert run_tests(sandbox, py_task, att.files).passed


def test_wrong_answer_is_a_model_failure_not_infra(py_task: Task, sandbox: BwrapSandbox) -> None:
    with FakeOpenAI([(200, {}, completion(BAD))]) as srv:
        att = make(srv).attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is None
    assert not run_tests(sandbox, py_task, att.files).passed


def test_500_then_success_is_retried(py_task: Task) -> None:
    script = [(500, {}, {"error": {"message": "boom"}}), (200, {}, completion(GOOD))]
    with FakeOpenAI(script) as srv:
        att = make(srv).attempt(py_task, 0, "2026-01-01")
    assert len(srv.requests) == 2 and att.infra_error is None
    assert att.meta["retries"] == "1" and "HTTP 500" in att.meta["retried_after"]
    assert "solution.py" in att.files


def test_429_honours_retry_after(py_task: Task) -> None:
    script = [(429, {"retry-after": "1"}, {"error": {"message": "slow down"}}),
              (200, {}, completion(GOOD))]
    with FakeOpenAI(script) as srv:
        start = time.monotonic()
        att = make(srv).attempt(py_task, 0, "2026-01-01")
        waited = time.monotonic() - start
    assert att.infra_error is None and len(srv.requests) == 2
    assert waited >= 0.9  # the server's retry-after, not the 0.01 s backoff


def test_outage_after_retries_is_an_infra_error(py_task: Task) -> None:
    with FakeOpenAI(default=(503, {}, {"error": {"message": "overloaded"}})) as srv:
        att = make(srv).attempt(py_task, 0, "2026-01-01")
    assert len(srv.requests) == 4  # 1 + retries=3
    assert att.infra_error and "503" in att.infra_error and att.files == {}


def test_empty_reply_is_retried_then_infra(py_task: Task) -> None:
    with FakeOpenAI(default=(200, {}, completion("   "))) as srv:
        att = make(srv, retries=1).attempt(py_task, 0, "2026-01-01")
    assert len(srv.requests) == 2 and att.infra_error and "empty" in att.infra_error


def test_bad_key_is_not_retried(py_task: Task) -> None:
    with FakeOpenAI([(401, {}, {"error": {"message": "bad key"}})]) as srv:
        att = make(srv, api_key="sk-wrong").attempt(py_task, 0, "2026-01-01")
    assert len(srv.requests) == 1 and att.infra_error and "401" in att.infra_error
    assert srv.headers[0]["authorization"] == "Bearer sk-wrong"


def test_dead_endpoint_is_infra(py_task: Task) -> None:
    with FakeOpenAI() as srv:
        url = srv.base_url
    a = create(f"openai:m@{url}?retries=1")
    assert isinstance(a, OpenAICompatAssistant)
    a.backoff = 0.01
    assert a.attempt(py_task, 0, "2026-01-01").infra_error


def test_seed_and_temperature_are_sent_and_recorded(py_task: Task) -> None:
    with FakeOpenAI() as srv:
        a = create(f"openai:m@{srv.base_url}?temperature=0.7&seed=5&max_tokens=99")
        att = a.attempt(py_task, 2, "2026-01-01")
    assert srv.requests[0]["seed"] == 7 and srv.requests[0]["max_tokens"] == 99
    assert att.meta["temperature"] == "0.7" and att.meta["seed"] == "7"


@pytest.mark.parametrize(("arg", "needle"), [
    ("just-a-model", "openai:<model>@<base-url>"),
    ("m@ftp://x", "http://"),
    ("m@http://h/v1?colour=red", "unknown option"),
    ("m@http://h/v1?temperature=hot", "not a float"),
])
def test_bad_ids_say_what_to_do(arg: str, needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        parse_spec(arg)


def test_retry_after_forms() -> None:
    assert retry_after(httpx.Headers({"retry-after": "3"})) == 3
    assert retry_after(httpx.Headers({"retry-after-ms": "250"})) == 0.25
    assert retry_after(httpx.Headers({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0
    assert retry_after(httpx.Headers({})) is None
