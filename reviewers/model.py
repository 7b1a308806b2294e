"""The model reviewer: another model critiques each attempt, in strict JSON.

The reviewer model must not be the assistant under test (a model grading its
own answers agrees with itself); :meth:`ModelReviewer.independent_of` tells
(by :func:`codecanary.chat.same_model`, the rule the generator follows too), and
the campaign skips a reviewer that is not independent.

The model itself is a chat model of :mod:`codecanary.chat` (``anthropic:<model>``,
``local:<gguf name or path>``, ``openai:<model>@<base-url>``), the same family the
assistants and the generator use.

The model sees the task's prompt and the answer's files with line numbers
(never the hidden tests or the reference) and must reply with exactly::

    {"findings": [{"category": "...", "severity": "info|warning|error",
                   "location": "<file>:<line>", "explanation": "..."}]}

:func:`parse_findings` checks every field (category one of
``reviewers.base.CATEGORIES``, a file of the answer and a line inside it, no
unknown keys). Anything else is *rejected* with the reason and recorded; a
backend error (timeout, 5xx) is recorded the same way. Neither crashes a night.
"""

from __future__ import annotations

import json
import re
from typing import Any

from codecanary.chat import ChatModel, create_chat, same_model
from codecanary.registry import register
from codecanary.types import Attempt, Files, Finding, Review, Task
from reviewers.base import CATEGORIES, SEVERITIES, ReviewOutcome, SandboxLike

MAX_FINDINGS = 20
MAX_FILE_CHARS = 12000
_FENCE = re.compile(r"\A\s*```(?:json)?\s*\n(.*)\n\s*```\s*\Z", re.S)
_LOCATION = re.compile(r"\A(?P<file>[^\s:]+):(?P<line>\d+)\Z")

SYSTEM = (
    "You are a strict code reviewer. You review one answer to a coding task and report "
    "defects only: bugs, missing None/null checks, races, unhandled errors, off-by-one "
    "bounds, ownership mistakes. Reply with JSON only, no prose: "
    '{"findings": [{"category": C, "severity": S, "location": "FILE:LINE", '
    '"explanation": TEXT}]}. C is one of: ' + ", ".join(CATEGORIES) + ". S is one of: "
    + ", ".join(SEVERITIES) + ". Use an empty list when the answer is correct."
)

JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"findings": {"type": "array", "maxItems": MAX_FINDINGS, "items": {
        "type": "object",
        "properties": {
            "category": {"type": "string", "enum": list(CATEGORIES)},
            "severity": {"type": "string", "enum": list(SEVERITIES)},
            "location": {"type": "string"},
            "explanation": {"type": "string"},
        },
        "required": ["category", "severity", "location", "explanation"],
    }}},
    "required": ["findings"],
}
"""The reply's shape, for backends that can constrain generation (llama.cpp grammars)."""


class RejectedReview(ValueError):
    """A model reply that is not the required JSON; the message says what is wrong."""


def numbered(files: Files) -> str:
    """The answer's files with line numbers, as the model sees them."""
    parts = []
    for name in sorted(files):
        lines = files[name][:MAX_FILE_CHARS].splitlines()
        body = "\n".join(f"{i:4d} | {line}" for i, line in enumerate(lines, 1))
        parts.append(f"### {name}\n{body}")
    return "\n\n".join(parts)


def build_prompt(task: Task, attempt: Attempt) -> str:
    """The review request: task prompt, weakness areas, and the numbered answer."""
    return (f"Task ({task.language}, areas: {', '.join(task.weakness)}):\n{task.prompt.strip()}"
            f"\n\nAnswer:\n{numbered(attempt.files)}\n\nReview the answer. JSON only.")


def parse_findings(text: str, files: Files) -> tuple[Finding, ...]:
    """Strictly parse a reply into findings; raise :class:`RejectedReview` with the reason."""
    m = _FENCE.match(text)
    body = m.group(1) if m else text.strip()
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise RejectedReview(f"not JSON ({exc.msg} at char {exc.pos}): {body[:120]!r}") from None
    if not isinstance(data, dict) or set(data) != {"findings"}:
        raise RejectedReview("reply must be an object with exactly one key, 'findings'")
    items = data["findings"]
    if not isinstance(items, list):
        raise RejectedReview("'findings' must be a list")
    if len(items) > MAX_FINDINGS:
        raise RejectedReview(f"{len(items)} findings; at most {MAX_FINDINGS}")
    out = []
    for i, item in enumerate(items):
        where = f"finding {i}"
        if not isinstance(item, dict):
            raise RejectedReview(f"{where} is not an object")
        keys = set(item)
        if keys != {"category", "severity", "location", "explanation"}:
            raise RejectedReview(
                f"{where} has keys {sorted(keys)}; need category, severity, location, "
                "explanation")
        category, severity = item["category"], item["severity"]
        location, text_ = item["location"], item["explanation"]
        if category not in CATEGORIES:
            raise RejectedReview(f"{where}: category {category!r} is not one of {CATEGORIES}")
        if severity not in SEVERITIES:
            raise RejectedReview(f"{where}: severity {severity!r} is not one of {SEVERITIES}")
        if not isinstance(text_, str) or not text_.strip():
            raise RejectedReview(f"{where}: explanation must be a non-empty string")
        loc = _LOCATION.match(location) if isinstance(location, str) else None
        if loc is None:
            raise RejectedReview(f"{where}: location {location!r} is not FILE:LINE")
        if loc["file"] not in files:
            raise RejectedReview(f"{where}: location names {loc['file']!r}, not a file of "
                                 f"the answer ({', '.join(sorted(files))})")
        lines = max(1, files[loc["file"]].count("\n") + 1)
        if not 1 <= int(loc["line"]) <= lines:
            raise RejectedReview(f"{where}: line {loc['line']} outside {loc['file']} "
                                 f"(1..{lines})")
        out.append(Finding(category, severity, location, text_.strip()[:2000]))
    return tuple(out)


class ModelReviewer:
    """Asks ``backend`` to review each attempt; see the module docstring."""

    def __init__(self, backend: ChatModel, max_tokens: int = 1024) -> None:
        self.backend = backend
        self.max_tokens = max_tokens
        self.id = f"model:{backend.name}"

    def independent_of(self, assistant: str, version: str = "") -> bool:
        """False when the reviewer model is the assistant under test (same model, or the
        assistant's exact version)."""
        return not same_model(self.backend.name, assistant, version)

    def review(self, task: Task, attempt: Attempt) -> ReviewOutcome:
        """The model's findings, or a rejection with the reason (never raises)."""
        files = {k: v for k, v in attempt.files.items() if v.strip()}
        if not files:
            return ReviewOutcome(Review(self.id), rejected="nothing to review: no code")
        try:
            reply = self.backend.complete(SYSTEM, build_prompt(task, attempt), self.max_tokens)
        except Exception as exc:  # transport/API failure: recorded like a bad reply
            return ReviewOutcome(Review(self.id),
                                 rejected=f"backend error: {type(exc).__name__}: {exc}"[:500])
        try:
            return ReviewOutcome(Review(self.id, parse_findings(reply, files)))
        except RejectedReview as exc:
            return ReviewOutcome(Review(self.id), rejected=str(exc)[:500])


@register("reviewer", "model")
def make_model(arg: str | None, sandbox: SandboxLike | None = None) -> ModelReviewer:
    """Factory for ``model:<chat model>``: ``model:anthropic:<model>``,
    ``model:local:<gguf name or path>``, ``model:openai:<model>@<base-url>``."""
    if not arg:
        raise ValueError("give the reviewer model: model:anthropic:<model> or "
                         "model:local:qwen2.5-coder-1.5b")
    return ModelReviewer(create_chat(arg, schema=JSON_SCHEMA))
