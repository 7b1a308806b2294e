"""Text helpers every language's task mutation operators share.

Snippets are written indented inside Python source, so :func:`indent_body`
normalises them; new files and identifiers must not collide with the parent's,
so :func:`unique_path` and :func:`fresh` number them. Nothing here runs task code.
"""

from __future__ import annotations

import textwrap
from string import Template

from codecanary.types import Task
from generators.mutators.base import unique_name


def indent_body(code: str) -> str:
    """Dedent then strip a snippet, ending with one newline."""
    return textwrap.dedent(code).strip("\n") + "\n"


def unique_path(files: dict[str, str], path: str) -> str:
    """``path``, or ``path`` with a counter before the extension, not yet in ``files``."""
    stem, _, ext = path.rpartition(".")
    n, out = 1, path
    while out in files:
        n += 1
        out = f"{stem}_{n}.{ext}"
    return out


def fresh(task: Task, base: str) -> str:
    """An identifier based on ``base`` used nowhere in the reference or the tests."""
    taken = "\n".join([*task.reference.values(), *task.tests.values()])
    return unique_name(base, taken)


def fill(template: str, **values: object) -> str:
    """``template`` (:class:`string.Template` text, ``${name}`` placeholders) filled with
    ``values`` and normalised by :func:`indent_body`: how an operator turns a module-level
    snippet into the code or test it adds."""
    return indent_body(Template(template).substitute({k: str(v) for k, v in values.items()}))
