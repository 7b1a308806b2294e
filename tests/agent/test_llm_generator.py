"""The campaign's generator models: the real local model, and the evidence of a failure.

The local generator (llama-cpp-python on the Qwen2.5-Coder-0.5B that the Quick
start pulls) is constrained by the child-task JSON schema, so its reply always
parses as a proposal object; whether it is a *valid* task is then up to the
strict parser and the gate, which reject it with a reason when it is not.
"""

from __future__ import annotations

import json

import pytest

from agent.llm import make_generator, make_llm_mutator
from assistants.models import ModelError, resolve
from generators.llm_mutator import KEYS_REQUIRED, LLMMutator
from tests.generators.test_mutators_llm import EVIDENCE, PARENT

MODEL = "qwen2.5-coder-0.5b"


def _pulled() -> bool:
    try:
        import llama_cpp  # noqa: F401

        resolve(MODEL)
    except (ImportError, ModelError):
        return False
    return True


@pytest.mark.skipif(not _pulled(), reason=f"needs llama-cpp-python and `codecanary models "
                                          f"pull {MODEL}` (scripts/bootstrap.sh does both)")
def test_local_generator_reply_is_a_schema_shaped_proposal() -> None:
    proposal = LLMMutator(make_generator(f"local:{MODEL}"), "sim").propose(PARENT, EVIDENCE)
    data = json.loads(proposal.raw)  # the grammar guarantees one JSON object
    assert set(KEYS_REQUIRED) <= set(data), sorted(data)
    assert all(isinstance(v, str) for v in data["reference"].values())
    if proposal.mutation is None:  # rejected by the strict parser, with a reason
        assert proposal.reason and proposal.reason != "ok"
    else:
        assert proposal.mutation.task.parent == PARENT.id
        assert proposal.mutation.params["generator"] == f"local:{MODEL}"


def test_generator_specs_and_the_self_generation_guard() -> None:
    with pytest.raises(ValueError, match="unknown generator"):
        make_generator("openai:gpt")
    with pytest.raises(ValueError, match="neither a known model"):
        make_generator("local:no-such-model-anywhere")
    assert make_llm_mutator(None, "sim") is None
    with pytest.raises(ValueError, match="is the assistant under test"):
        make_llm_mutator("anthropic:claude-x", "claude-code:claude-x")
    forced = make_llm_mutator("anthropic:claude-x", "claude-code:claude-x", force=True)
    assert forced is not None and forced.generator.id == "anthropic:claude-x"
