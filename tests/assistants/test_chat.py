"""The chat-model family (codecanary.chat): one registry family for the reviewer and the
generator, over the assistants' own clients; one same-model rule for both."""

from __future__ import annotations

import json

import pytest

from agent.llm import make_generator, make_llm_mutator
from assistants.anthropic_api import AnthropicChat
from assistants.openai_compat import OpenAIChat
from codecanary.chat import ChatModelError, create_chat, model_of, same_model
from codecanary.registry import names
from reviewers.base import create as create_reviewer
from reviewers.model import ModelReviewer
from tests.assistants.fake_openai import FakeOpenAI, completion
from tests.fakes.anthropic_server import FakeAnthropic, Reply, server_error


def test_the_chat_family_has_the_three_providers() -> None:
    assert {"anthropic", "local", "openai"} <= set(names("chat"))


@pytest.mark.parametrize(("a", "b", "same"), [
    ("anthropic:claude-x", "claude-code:claude-x", True),
    ("anthropic:Claude-X", "anthropic:claude-x?temperature=0", True),
    ("openai:qwen@http://h:8000/v1", "local:qwen", True),
    ("openai:qwen@http://h:8000/v1", "openai:llama@http://h:8000/v1", False),
    ("local:/models/qwen.gguf", "local:qwen.gguf", True),
    ("anthropic:claude-haiku-4-5", "sim", False),
    ("anthropic:claude-haiku-4-5", "anthropic:claude-opus-4-1", False),
])
def test_one_same_model_rule(a: str, b: str, same: bool) -> None:
    assert same_model(a, b) is same and same_model(b, a) is same
    assert model_of("sim") == "sim"


def test_reviewer_and_generator_apply_the_same_rule() -> None:
    reviewer = ModelReviewer(AnthropicChat("claude-x", api_key="k"))
    for assistant in ("claude-code:claude-x", "anthropic:claude-x", "anthropic:claude-y", "sim"):
        clash = same_model("anthropic:claude-x", assistant)
        assert reviewer.independent_of(assistant) is not clash
        if clash:
            with pytest.raises(ValueError, match="is the assistant under test"):
                make_llm_mutator("anthropic:claude-x", assistant)
        else:
            assert make_llm_mutator("anthropic:claude-x", assistant) is not None
    assert not reviewer.independent_of("anthropic:claude-x-live", "claude-x")  # exact version


def test_anthropic_chat_over_a_real_socket_and_its_sdk_retries(
        monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeAnthropic() as fake:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
        chat = create_chat("anthropic:claude-haiku-4-5", retries=1, timeout_s=30)
        assert isinstance(chat, AnthropicChat) and chat.name == "anthropic:claude-haiku-4-5"
        fake.inject("POST", "/v1/messages", server_error())  # one 5xx, retried by the SDK
        fake.enqueue(Reply(text='{"findings": []}'))
        assert chat.complete("be strict", "review this", 64) == '{"findings": []}'
        posted = [r for r in fake.log if r.path.startswith("/v1/messages")]
        assert len(posted) == 2 and posted[-1].body["system"] == "be strict"


def test_openai_chat_sends_system_and_user_and_retries() -> None:
    script = [(503, {}, {"error": "busy"}), (200, {}, completion('{"findings": []}'))]
    with FakeOpenAI(script) as srv:
        chat = create_chat(f"openai:fake-coder@{srv.base_url}?seed=5", retries=2)
        assert isinstance(chat, OpenAIChat) and chat.name == f"openai:fake-coder@{srv.base_url}"
        chat._api.backoff = 0.01
        assert chat.complete("sys", "user", 99) == '{"findings": []}'
        body = srv.requests[-1]
        assert len(srv.requests) == 2 and body["max_tokens"] == 99 and body["seed"] == 5
        assert [m["role"] for m in body["messages"]] == ["system", "user"]


def test_a_reviewer_and_a_generator_on_an_openai_endpoint() -> None:
    findings = {"findings": []}
    with FakeOpenAI(default=(200, {}, completion(json.dumps(findings)))) as srv:
        reviewer = create_reviewer(f"model:openai:fake-coder@{srv.base_url}")
        assert reviewer.id == f"model:openai:fake-coder@{srv.base_url}"
        gen = make_generator(f"openai:fake-coder@{srv.base_url}")
        assert json.loads(gen.complete("s", "u")) == findings
        assert srv.requests[-1]["max_tokens"] == 8000


def test_specs_that_name_no_usable_model_are_value_errors() -> None:
    with pytest.raises(ChatModelError, match="unknown chat 'nope'"):
        create_chat("nope:model")
    with pytest.raises(ChatModelError, match="names no model"):
        create_chat("anthropic:")
    with pytest.raises(ChatModelError, match="neither a known model"):
        create_chat("local:no-such-model-anywhere")
    with pytest.raises(ValueError, match="base-url"):
        create_chat("openai:gpt")
