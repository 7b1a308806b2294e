"""The LLM mutator against the fake Anthropic API over a real loopback socket.

A valid proposal is parsed into a child that the real gate accepts (in the
bubblewrap sandbox); malformed proposals are rejected with a reason; the
generator model may not be the assistant under test unless forced.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from assistants.anthropic_api import AnthropicChat
from codecanary.tasks import load_task
from generators.gate import gate
from generators.llm_mutator import (
    CallableGenerator,
    Evidence,
    LLMMutator,
    Rejected,
    parse_proposal,
)
from sandbox.bwrap import BwrapSandbox
from tests.conftest import MINI_SUITE
from tests.fakes.anthropic_server import FakeAnthropic, Reply

PARENT = load_task(MINI_SUITE / "python" / "null-handling" / "display-name")
MODEL = "claude-haiku-4-5"

REFERENCE = '''def contact_line(user):
    if user is None:
        return "unknown"
    name = user.get("name")
    if name is None or not name.strip():
        name = "anonymous"
    email = user.get("email")
    if email is None:
        return name.strip()
    return f"{name.strip()} <{email}>"
'''
TESTS = '''from hypothesis import given, settings, strategies as st

from solution import contact_line

NAMES = st.none() | st.text(" ab", max_size=4)
EMAILS = st.none() | st.just("a@b.c")


def test_no_user():
    assert contact_line(None) == "unknown"


@settings(max_examples=80)
@given(NAMES, EMAILS, st.booleans(), st.booleans())
def test_optional_fields(name, email, has_name, has_email):
    user = {}
    if has_name:
        user["name"] = name
    if has_email:
        user["email"] = email
    shown = name.strip() if has_name and name is not None and name.strip() else "anonymous"
    want = shown if not has_email or email is None else f"{shown} <{email}>"
    assert contact_line(user) == want
'''
BAD = REFERENCE.replace("    if email is None:\n        return name.strip()\n", "")
PROPOSAL = {
    "title": "Contact line of a user whose fields may be missing",
    "prompt": "Implement `contact_line(user)` in `solution.py`: `user` is a dict or None...\n",
    "workspace": {"solution.py": "def contact_line(user):\n    raise NotImplementedError\n"},
    "reference": {"solution.py": REFERENCE},
    "tests": {"test_contact.py": TESTS},
    "mutants": {"email-none-shown": {"solution.py": BAD}},
    "rationale": "The assistant dropped a None check; the child has two optional fields.",
}
EVIDENCE = Evidence(failure_classes=("null-handling",),
                    counterexamples=("display_name({'name': None})",),
                    findings=("`name.strip()` is called on None",), answer="return u['name']")


@pytest.fixture()
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as f:
        yield f


def mutator(fake: FakeAnthropic) -> LLMMutator:
    backend = AnthropicChat(MODEL, base_url=fake.url, api_key="sk-test", retries=0)
    generator = CallableGenerator(f"anthropic:{MODEL}",
                                  lambda system, user: backend.complete(system, user, 8000))
    return LLMMutator(generator, assistant_under_test="sim")


def test_valid_proposal_is_parsed_and_passes_the_gate(fake: FakeAnthropic,
                                                      sandbox: BwrapSandbox) -> None:
    fake.enqueue(Reply(text="```json\n" + json.dumps(PROPOSAL, indent=1) + "\n```"))
    got = mutator(fake).propose(PARENT, EVIDENCE)
    assert got.reason == "ok" and got.mutation is not None
    child = got.mutation.task
    assert child.origin == "generated" and child.parent == PARENT.id and child.operator == "llm"
    assert got.mutation.params["generator"] == f"anthropic:{MODEL}"
    assert set(child.mutants) == {"llm-email-none-shown"}
    posted = [r for r in fake.log if r.path.startswith("/v1/messages")]
    assert len(posted) == 1
    body = json.dumps(posted[0].body)
    assert "is called on None" in body and "display_name({'name': None})" in body
    result = gate(sandbox, got.mutation, [PARENT], runs=1)
    assert result.accepted, result.reason


@pytest.mark.parametrize(("reply", "reason"), [
    ("Sure! Here is a task: it checks None.", "not one JSON object"),
    (json.dumps([PROPOSAL]), "not an object"),
    (json.dumps({**PROPOSAL, "difficulty": "hard"}), "unknown keys ['difficulty']"),
    (json.dumps({k: v for k, v in PROPOSAL.items() if k != "tests"}), "missing keys ['tests']"),
    (json.dumps({**PROPOSAL, "tests": {"../../etc/x.py": TESTS}}), "not a safe relative path"),
    (json.dumps({**PROPOSAL, "reference": {"main.py": REFERENCE}}), "no entry point solution.py"),
    (json.dumps({**PROPOSAL, "tests": {"check.py": TESTS}}), "no Python test file"),
    (json.dumps({**PROPOSAL, "mutants": {}}), "at least one known-bad variant"),
    (json.dumps({**PROPOSAL, "mutants": {"same": {"solution.py": REFERENCE}}}), "identical"),
    (json.dumps({**PROPOSAL, "mutants": {"x": {"other.py": BAD}}}), "reference only"),
    (json.dumps({**PROPOSAL, "prompt": "  "}), "prompt is empty"),
    (json.dumps(PROPOSAL) + "\nHope this helps!", "not one JSON object"),
])
def test_malformed_proposals_are_rejected_with_a_reason(fake: FakeAnthropic, reply: str,
                                                        reason: str) -> None:
    fake.enqueue(Reply(text=reply))
    got = mutator(fake).propose(PARENT, EVIDENCE)
    assert got.mutation is None and reason in got.reason, got.reason
    assert got.raw == reply


def test_parser_is_strict_about_rust_and_size() -> None:
    rust = load_task(MINI_SUITE / "rust" / "boundaries" / "sum-to")
    proposal = {**PROPOSAL, "reference": {"solution.rs": "pub fn f() {}\n"},
                "tests": {"test_x.py": "x"}, "mutants": {"m": {"solution.rs": "pub fn g() {}"}}}
    with pytest.raises(Rejected, match=r"tests\.rs"):
        parse_proposal(rust, json.dumps(proposal))
    with pytest.raises(Rejected, match="more than"):
        parse_proposal(PARENT, " " * 300_000)


def test_generator_is_never_the_assistant_under_test() -> None:
    gen = CallableGenerator(f"anthropic:{MODEL}", lambda s, u: "")
    with pytest.raises(ValueError, match="is the assistant under test"):
        LLMMutator(gen, assistant_under_test=f"claude-code:{MODEL}")
    forced = LLMMutator(gen, assistant_under_test=f"anthropic:{MODEL}", force=True)
    assert forced.generator is gen
    assert LLMMutator(gen, assistant_under_test="local:qwen2.5-coder-0.5b").generator is gen


def test_request_carries_parent_and_evidence() -> None:
    seen: list[str] = []

    def fn(system: str, user: str) -> str:
        seen.append(user)
        return json.dumps({**PROPOSAL, "title": "t2"})

    got = LLMMutator(CallableGenerator("local:x", fn)).propose(PARENT, EVIDENCE)
    assert got.mutation is not None
    user = seen[0]
    assert PARENT.reference["solution.py"].strip() in user
    assert "Failure classes: null-handling" in user and "Reviewer: `name.strip()`" in user
    assert "Counterexample: display_name" in user

