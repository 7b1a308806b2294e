"""The LLM mutator: a generator model proposes a harder child from failure evidence.

Given a parent task and plain-data :class:`Evidence` of how the assistant under
test failed on it (failure classes, counterexamples, reviewer findings, an
excerpt of the failing answer), a *generator* model is asked for one child task
as a single strict JSON object (see ``FORMAT``). :func:`parse_proposal` accepts
exactly that shape and nothing else; every defect (not JSON, unknown or
missing keys, wrong types, unsafe paths, no entry point, no test, no
known-bad variant, too big) raises :class:`Rejected` with a reason, which the
caller records in the lineage (:func:`codecanary.lineage.record_rejected`).
A parsed child is still only a candidate: it goes through the same gate as
every generated task (:func:`generators.gate.gate`).

The generator is never the assistant under test unless the user forces it
(``force=True``): a model writing its own exam would hide its blind spots.

Generators (:class:`Generator`: ``id`` and ``complete(system, user) -> text``)
are any callable wrapped in :class:`CallableGenerator`; the campaign
(:mod:`agent.llm`) wraps the chat models of :mod:`codecanary.chat` this way
(``anthropic:<model>``, ``local:<gguf>``, ``openai:<model>@<url>``), so this module
needs no SDK. "Same model" is :func:`codecanary.chat.same_model`, the reviewer's rule too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from codecanary.chat import same_model
from codecanary.types import Files, Task
from generators.mutators.base import Mutation, derive

OPERATOR = "llm"
MAX_CHARS = 200_000
KEYS_REQUIRED = ("title", "prompt", "reference", "tests", "mutants", "rationale")
KEYS_OPTIONAL = ("workspace",)

SYSTEM = (
    "You write coding tasks for a benchmark of AI code assistants. Given a task the "
    "assistant failed and how it failed, you write ONE new task (a child) that probes the "
    "same weakness harder: a different situation where the same mistake is likely. The "
    "reference solution must be correct; the hidden tests must pass on it and fail on the "
    "mistake (property-based tests with hypothesis for Python, #[test] loops for Rust). "
    "Reply with a single JSON object and nothing else."
)

FORMAT = """Reply with exactly one JSON object (no prose; a single ```json fence is tolerated):
{
  "title": "one line",
  "prompt": "what the assistant is asked (Markdown)",
  "workspace": {"<path>": "<text>"},          // optional: files the assistant starts from
  "reference": {"<entry point>": "<text>"},   // must contain the entry point
  "tests": {"<path>": "<text>"},              // hidden tests (Python: test_*.py; Rust: tests.rs)
  "mutants": {"<name>": {"<entry point>": "<text>"}},  // >= 1 known-bad variant
  "rationale": "why the child probes the weakness"
}
Paths are relative, use '/', and never contain '..'. Keep the same language and entry point."""


_FILES: dict[str, Any] = {"type": "object", "additionalProperties": {"type": "string"}}
REPLY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string"}, "prompt": {"type": "string"}, "workspace": _FILES,
        "reference": _FILES, "tests": _FILES,
        "mutants": {"type": "object", "additionalProperties": _FILES},
        "rationale": {"type": "string"}},
    "required": list(KEYS_REQUIRED),
}
"""``FORMAT`` as a JSON schema, for generators that can constrain their output (local)."""


class Rejected(ValueError):
    """A proposal that cannot become a task; ``str(exc)`` is the reason."""


@dataclass(frozen=True)
class Evidence:
    """How the assistant failed on the parent (all plain data, all optional).

    failure_classes: e.g. ``["null-handling", "wrong-answer"]``.
    counterexamples: shrunk inputs that broke the answer (from the test output).
    findings: reviewer findings as text.
    answer: an excerpt of the failing answer.
    """

    failure_classes: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    answer: str = ""


class Generator(Protocol):
    """A model that writes text: ``id`` (``family:model``) and ``complete``."""

    id: str

    def complete(self, system: str, user: str) -> str:
        """The model's reply to one system + user message."""
        ...


@dataclass
class CallableGenerator:
    """Any function ``(system, user) -> text`` as a generator (e.g. a local model)."""

    id: str
    fn: Callable[[str, str], str]

    def complete(self, system: str, user: str) -> str:
        """Call the wrapped function."""
        return self.fn(system, user)


def request_text(parent: Task, evidence: Evidence) -> str:
    """The user message: the parent task (with its reference and tests) and the evidence."""
    def files(title: str, fs: Files) -> str:
        return "\n".join(f"### {title}: {p}\n```\n{t}\n```" for p, t in sorted(fs.items()))

    parts = [f"# Parent task: {parent.title}",
             f"Language: {parent.language}. Kind: {parent.kind}. Entry point: "
             f"{parent.entry_point}. Weakness: {', '.join(parent.weakness)}.",
             "## Prompt", parent.prompt.strip(),
             files("workspace", parent.workspace) or "(empty workspace)",
             files("reference", parent.reference), files("tests", parent.tests),
             "## How the assistant failed"]
    before = len(parts)
    if evidence.failure_classes:
        parts.append("Failure classes: " + ", ".join(evidence.failure_classes))
    parts += [f"Counterexample: {c}" for c in evidence.counterexamples]
    parts += [f"Reviewer: {f}" for f in evidence.findings]
    if evidence.answer:
        parts.append(f"Failing answer (excerpt):\n```\n{evidence.answer[:4000]}\n```")
    if len(parts) == before:
        parts.append("(no details: it failed the hidden tests)")
    parts += ["## Your reply", FORMAT]
    return "\n\n".join(parts) + "\n"


_FENCE = re.compile(r"\A\s*```(?:json)?\s*\n(?P<body>.*)\n```\s*\Z", re.S)


def _files(value: object, what: str) -> Files:
    if not isinstance(value, dict):
        raise Rejected(f"{what} is not an object of path -> text")
    out: Files = {}
    for path, text in value.items():
        if not isinstance(text, str):
            raise Rejected(f"{what}[{path!r}] is not text")
        if (not path or path.startswith("/") or "\\" in path or ".." in path.split("/")
                or path.startswith(".")):
            raise Rejected(f"{what} path {path!r} is not a safe relative path")
        out[path] = text
    return out


def parse_proposal(parent: Task, text: str, generator: str = "") -> Mutation:
    """The child described by ``text``, or raise :class:`Rejected` with the reason."""
    if len(text) > MAX_CHARS:
        raise Rejected(f"the reply has {len(text)} characters, more than {MAX_CHARS}")
    m = _FENCE.match(text)
    body = m.group("body") if m else text
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise Rejected(f"the reply is not one JSON object ({exc.msg} at line {exc.lineno})"
                       ) from None
    if not isinstance(data, dict):
        raise Rejected("the reply is JSON but not an object")
    unknown = sorted(set(data) - set(KEYS_REQUIRED) - set(KEYS_OPTIONAL))
    if unknown:
        raise Rejected(f"unknown keys {unknown}")
    missing = [k for k in KEYS_REQUIRED if k not in data]
    if missing:
        raise Rejected(f"missing keys {missing}")
    for key in ("title", "prompt", "rationale"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise Rejected(f"{key} is empty or not text")
    reference = _files(data["reference"], "reference")
    tests = _files(data["tests"], "tests")
    workspace = _files(data.get("workspace", {}), "workspace")
    if parent.entry_point not in reference:
        raise Rejected(f"the reference has no entry point {parent.entry_point}")
    if not tests:
        raise Rejected("there are no tests")
    if parent.language == "python" and not any(
            p.rsplit("/", 1)[-1].startswith("test_") and p.endswith(".py") for p in tests):
        raise Rejected("no Python test file named test_*.py")
    if parent.language == "rust" and "tests.rs" not in tests:
        raise Rejected("Rust tests must be in tests.rs")
    if not isinstance(data["mutants"], dict) or not data["mutants"]:
        raise Rejected("mutants must hold at least one known-bad variant")
    mutants = {}
    for name, files in data["mutants"].items():
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", name):
            raise Rejected(f"mutant name {name!r} is not a slug")
        mf = _files(files, f"mutants[{name!r}]")
        if not mf or not set(mf) <= set(reference):
            raise Rejected(f"mutant {name!r} must replace files of the reference only")
        if all(reference[p] == t for p, t in mf.items()):
            raise Rejected(f"mutant {name!r} is identical to the reference")
        mutants[f"llm-{name}"] = mf
    params: dict[str, object] = {"generator": generator, "rationale": data["rationale"][:500]}
    return derive(parent, OPERATOR, params, prompt=data["prompt"].rstrip() + "\n",
                  workspace=workspace, reference=reference, tests=tests, mutants=mutants,
                  weakness=(parent.area,), title=data["title"].strip())


@dataclass(frozen=True)
class Proposal:
    """What the LLM mutator produced: a child (or None) and why not; the raw reply."""

    mutation: Mutation | None
    reason: str
    raw: str


class LLMMutator:
    """Proposes children with a generator model; see the module docstring."""

    name = OPERATOR

    def __init__(self, generator: Generator, assistant_under_test: str | None = None,
                 force: bool = False) -> None:
        if (assistant_under_test and same_model(generator.id, assistant_under_test)
                and not force):
            raise ValueError(f"the generator {generator.id} is the assistant under test; "
                             "choose another generator model (or force it explicitly)")
        self.generator = generator

    def propose(self, parent: Task, evidence: Evidence) -> Proposal:
        """Ask the generator for one child of ``parent`` and parse it strictly."""
        raw = self.generator.complete(SYSTEM, request_text(parent, evidence))
        try:
            child = parse_proposal(parent, raw, self.generator.id)
        except Rejected as exc:
            return Proposal(None, str(exc), raw)
        return Proposal(child, "ok", raw)
