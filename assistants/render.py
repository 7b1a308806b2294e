"""Task -> prompt text, the same for every assistant.

Every assistant sees one task the same way: the task's prompt, the workspace
files it starts from, an instruction that depends on the task kind (implement,
repair, refactor, next-edit) and the list of files it must produce. Only the
last paragraph differs between the two shapes: a *completion* assistant (API or
local model) is told how to format its reply so that :mod:`assistants.extract`
can recover the files; an *agentic* assistant (a CLI agent in a workspace copy)
is told to edit the files in place. Hidden tests and the reference solution are
never rendered.

The system prompt is constant (so an API can cache it); everything that varies
per task is in the user message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from codecanary.languages import specs
from codecanary.types import Task

Shape = Literal["completion", "agentic"]

OTHER_FENCE_TAGS = {"toml": "toml", "json": "json", "c": "c", "h": "c", "hpp": "cpp",
                    "md": "markdown", "txt": "text"}
"""File extensions of no registered language -> their fence info string."""


def fence_tags() -> dict[str, str]:
    """Language (or file extension) -> the fence info string used when rendering files:
    each language's first :attr:`~codecanary.languages.LanguageSpec.fence_tags`."""
    langs = {s.name: (s.fence_tags or (s.name,))[0] for s in specs()}
    return {**OTHER_FENCE_TAGS, **langs}


def extensions() -> dict[str, str]:
    """File extension -> language, from the languages' specs (for guessing fence tags)."""
    return {ext: s.name for s in specs() for ext in s.extensions}

SYSTEM_PROMPT = (
    "You are an expert software engineer working on a coding task. "
    "Write correct, complete, idiomatic code that handles edge cases "
    "(empty input, missing values, boundaries, concurrency) and compiles without warnings. "
    "Keep the public names and signatures the task asks for."
)

KIND_INSTRUCTIONS = {
    "implement": "Implement what the task asks. Replace every stub (`raise NotImplementedError`, "
                 "`todo!()`, ...) with a working implementation.",
    "repair": "The workspace code has a bug. Find it and fix it; change only what the fix "
              "needs and keep the public interface unchanged.",
    "refactor": "Refactor the workspace code as the task asks. Its observable behaviour must "
                "stay exactly the same.",
    "next-edit": "The workspace shows code in the middle of an edit. Make the next edit the "
                 "developer is about to make, consistently with the changes already made.",
}

COMPLETION_FORMAT = (
    "Reply with the complete new content of each file to produce, not a diff. "
    "Put each file in its own fenced code block, preceded by a line `### <path>` naming the "
    "file. You may add a short explanation after the code."
)

AGENTIC_FORMAT = (
    "The workspace files are in the current directory. Edit them in place (create any file "
    "the task needs) so that the finished code is on disk when you stop. Do not run "
    "destructive commands and do not touch anything outside the current directory."
)


def fence_tag(path: str, language: str | None = None) -> str:
    """The info string for a fenced block holding ``path`` (by extension, else ``language``)."""
    ext = PurePosixPath(path).suffix.lstrip(".")
    lang = extensions().get(ext, language or "")
    tags = fence_tags()
    return tags.get(lang, tags.get(ext, lang))


def fence_for(text: str) -> str:
    """A backtick fence longer than any backtick run inside ``text``."""
    longest, run = 0, 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def render_file(path: str, text: str, language: str | None = None) -> str:
    """One file as a ``### path`` header and a fenced block."""
    fence = fence_for(text)
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"### {path}\n{fence}{fence_tag(path, language)}\n{body}{fence}\n"


def targets(task: Task) -> tuple[str, ...]:
    """Files the assistant must produce: the entry point, then other reference files."""
    rest = sorted(p for p in task.reference if p != task.entry_point)
    return (task.entry_point, *rest)


@dataclass(frozen=True)
class Prompt:
    """A rendered task.

    system: constant system prompt (cacheable). user: everything specific to the task.
    targets: files the assistant must produce (the entry point first).
    """

    system: str
    user: str
    targets: tuple[str, ...]

    def messages(self) -> list[dict[str, str]]:
        """Chat messages (system + user) in the common chat-completions shape."""
        return [{"role": "system", "content": self.system},
                {"role": "user", "content": self.user}]

    @property
    def text(self) -> str:
        """System and user text as one block, for assistants that take a single prompt."""
        return f"{self.system}\n\n{self.user}"


def render(task: Task, shape: Shape = "completion") -> Prompt:
    """Render ``task`` for an assistant of the given shape."""
    want = targets(task)
    parts = [f"# Task: {task.title}" if task.title else "# Task",
             f"Language: {task.language}. Kind: {task.kind}.",
             task.prompt.strip(),
             "## Instructions",
             KIND_INSTRUCTIONS.get(task.kind, KIND_INSTRUCTIONS["implement"])]
    if task.workspace:
        parts.append("## Workspace files")
        parts.extend(render_file(p, task.workspace[p], task.language).rstrip("\n")
                     for p in sorted(task.workspace))
    else:
        parts.append("## Workspace files\n(the workspace is empty)")
    listed = ", ".join(f"`{p}`" for p in want)
    parts.append(f"## Files to produce\n{listed}")
    parts.append(COMPLETION_FORMAT if shape == "completion" else AGENTIC_FORMAT)
    return Prompt(system=SYSTEM_PROMPT, user="\n\n".join(parts) + "\n", targets=want)
