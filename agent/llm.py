"""The LLM mutator inside a campaign: the generator model, the failure evidence, one proposal.

When the user names a generator model (``--generator``), every ``sibling``
request (the policy's answer to a failure) first asks that model for a harder
child of the *failed* task, given the evidence of how the assistant failed on
it: the failure class and counterexample the reviewers' anatomy recorded, the
reviewers' findings and an excerpt of the failing answer. A malformed reply is
rejected with its reason and kept in the lineage; a parsed child goes through
the same gate as every generated task (agent.nodes.validate). When the model's
proposal is rejected, or the failed task is already at the policy's maximum
depth, the request falls back to the deterministic task mutators.

Generators are chat models (:mod:`codecanary.chat`): ``anthropic:<model>`` (the
Messages API; ``ANTHROPIC_BASE_URL`` and ``ANTHROPIC_API_KEY`` from the environment),
``local:<gguf name or path>`` (llama-cpp-python in a worker process, the reply
constrained to the child-task JSON schema) and ``openai:<model>@<base-url>``. The
generator is never the assistant under test unless forced.
"""

from __future__ import annotations

import logging
from typing import Any

from agent.state import Deps
from codecanary.chat import create_chat
from codecanary.task_json import task_to_json
from generators.llm_mutator import (
    REPLY_SCHEMA,
    CallableGenerator,
    Evidence,
    Generator,
    LLMMutator,
)

log = logging.getLogger(__name__)
MAX_TOKENS = {"local": 6000}
"""Reply budget per generator kind (local: what the 8192-token context leaves)."""
DEFAULT_MAX_TOKENS = 8000


def make_generator(spec: str) -> Generator:
    """The generator model named by ``spec`` (a chat model of :mod:`codecanary.chat`, the
    family the model reviewer uses); ValueError when it names no usable model."""
    try:
        model = create_chat(spec, schema=REPLY_SCHEMA, timeout_s=600.0, retries=3)
    except ValueError as exc:
        raise ValueError(f"unknown generator {spec!r}: {exc}") from None
    tokens = MAX_TOKENS.get(spec.partition(":")[0], DEFAULT_MAX_TOKENS)
    return CallableGenerator(spec, lambda system, user: model.complete(system, user, tokens))


def make_llm_mutator(spec: str | None, assistant_id: str, force: bool = False
                     ) -> LLMMutator | None:
    """The campaign's LLM mutator, or None without a generator; ValueError when the
    generator is the assistant under test and ``force`` is not set."""
    if not spec:
        return None
    return LLMMutator(make_generator(spec), assistant_under_test=assistant_id, force=force)


def evidence_for(deps: Deps, campaign_id: int, task_id: str) -> Evidence:
    """How the assistant failed on ``task_id`` in this campaign (its latest failed answer):
    failure class, counterexample, the reviewers' findings and an excerpt of the answer."""
    failure = deps.store.latest_failure(campaign_id, task_id)
    if failure is None:
        return Evidence()
    classes = [c for c in (failure.failure_class, failure.detail_class) if c]
    counter = failure.counterexample
    findings = [f"{reviewer}: {f.get('category', '')}: {f.get('text', '')}"
                for reviewer, f in failure.findings][:12]
    files = failure.files
    answer = files.get(deps.tasks[task_id].entry_point) or "\n".join(files.values())
    return Evidence(failure_classes=tuple(dict.fromkeys(classes)),
                    counterexamples=(counter,) if counter else (), findings=tuple(findings),
                    answer=answer[:4000])


def propose(deps: Deps, campaign_id: int, request: dict[str, Any], index: int,
            taken: set[str], depth: int) -> dict[str, Any] | None:
    """One LLM proposal for a ``sibling`` request, or None when the LLM is not used for it.

    Returns the same shape as agent.explore.propose (``task`` JSON, ``operator``,
    ``params``) plus ``source``: the failed task, the child's parent. A rejected
    reply gives ``task=None`` and ``rejected`` = [{parent, reason, raw}]; a generator
    that could not be reached (after its client's retries) gives ``task=None`` and
    ``error``: infra, kept out of the lineage and of the gate share.
    ``depth`` is the failed task's depth: at the policy's maximum the LLM is not used.
    """
    llm = deps.llm
    if llm is None or request["relation"] != "sibling":
        return None
    tid = request["task"]
    if depth >= deps.policy.max_depth:
        return None
    parent = deps.tasks[tid]
    base: dict[str, Any] = {"request": index, "task": None, "operator": "llm", "params": {},
                            "source": tid}
    try:
        proposal = llm.propose(parent, evidence_for(deps, campaign_id, tid))
    except Exception as exc:  # an unreachable generator is infra: fall back, never stop
        log.warning("generator %s failed on %s: %s", llm.generator.id, parent.name, exc)
        return base | {"error": f"{type(exc).__name__}: {exc}"[:500]}
    m = proposal.mutation
    if m is None:
        return base | {"rejected": [{"parent": tid, "reason": proposal.reason,
                                     "raw": proposal.raw}]}
    if m.task.id in taken:
        return base | {"rejected": [{"parent": tid, "reason": "duplicate of a campaign task",
                                     "raw": proposal.raw}]}
    taken.add(m.task.id)
    return base | {"task": task_to_json(m.task), "params": dict(m.params)}
