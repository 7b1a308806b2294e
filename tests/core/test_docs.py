"""The user documentation stays true: the README's Quick start, its links, its picture,
and every ``codecanary`` command line written in README.md and docs/*.md.

The README is a short front page that links to one page per topic under ``docs/``; these
tests catch what silently rots in such a split: a renamed heading behind a link, a page no
one links to, an option that was renamed in the CLI but not in the docs.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from codecanary.cli import cli

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
QUICK_START = [
    "bash scripts/bootstrap.sh && .venv/bin/codecanary nightly",
    "bash scripts/bootstrap.sh && .venv/bin/python -m pytest",
]
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
LINK = re.compile(r"\]\(([^)\s]+)\)")
COMMAND = re.compile(r"(?:^|[\s/])codecanary ([a-z][a-z-]*)((?: [a-z][a-z-]*)?)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a Markdown page's headings (fenced code excluded)."""
    text = FENCE.sub("", page.read_text())
    return {slug(h) for h in re.findall(r"^#+ (.*)$", text, re.M)}


def broken_links(page: Path) -> list[str]:
    """Relative links of ``page`` whose file or heading anchor does not exist."""
    bad = []
    for target in LINK.findall(FENCE.sub("", page.read_text())):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, frag = target.partition("#")
        dest = (page.parent / path).resolve() if path else page.resolve()
        if not dest.exists():
            bad.append(f"{page.name}: {target} (no such file)")
        elif frag and dest.suffix == ".md" and frag not in anchors(dest):
            bad.append(f"{page.name}: {target} (no such heading)")
    return bad


def command_lines(text: str) -> list[str]:
    """Logical lines of the fenced blocks of ``text`` (continuations joined)."""
    lines: list[str] = []
    for block in FENCE.findall(text):
        for raw in block.replace("\\\n", " ").splitlines():
            if lines and raw.startswith(" ") and "codecanary" in lines[-1] \
                    and raw.lstrip().startswith(("[", "--")):
                lines[-1] += " " + raw.strip()
            else:
                lines.append(raw)
    return lines


def option_errors(line: str) -> list[str]:
    """Sub-commands and ``--options`` of a ``codecanary`` line that the CLI does not have."""
    errors = []
    for m in COMMAND.finditer(line):
        words = [m.group(1)] + ([m.group(2).strip()] if m.group(2) else [])
        cmd: click.Command = cli
        for word in words:
            if not isinstance(cmd, click.Group):
                break  # an argument, not a sub-command
            sub = cmd.commands.get(word)
            if sub is None:
                errors.append(f"no command {word!r} in: {line.strip()}")
                return errors
            cmd = sub
        rest = re.split(r"\s(?:#|>>|&&|\|)\s", line[m.end():])[0]
        known = {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
        errors += [f"{cmd.name} has no {opt}: {line.strip()}"
                   for opt in re.findall(r"(?<![\w-])--[a-z][a-z-]*", rest) if opt not in known]
    return errors


def test_quick_start_is_the_two_commands() -> None:
    text = README.read_text()
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = FENCE.findall(section)
    assert blocks, "the Quick start has no command block"
    assert blocks[0].splitlines() == QUICK_START


def test_links_resolve() -> None:
    bad = [b for page in PAGES for b in broken_links(page)]
    assert not bad, "\n".join(bad)


def test_link_check_catches_a_renamed_heading(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nSee [b](b.md#old-name) and [c](c.md).\n")
    (tmp_path / "b.md").write_text("# B\n\n## New name\n")
    assert broken_links(tmp_path / "a.md") == [
        "a.md: b.md#old-name (no such heading)", "a.md: c.md (no such file)"]


def test_every_page_is_linked_from_the_readme() -> None:
    linked = {(README.parent / t.partition("#")[0]).resolve()
              for t in LINK.findall(README.read_text()) if not t.startswith("http")}
    orphans = [p.name for p in DOCS.glob("*.md") if p.resolve() not in linked]
    assert not orphans, f"docs pages the README does not link: {orphans}"


def test_report_picture_is_a_small_png() -> None:
    assert "](docs/img/report.png)" in README.read_text()
    png = DOCS / "img" / "report.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) < 300_000


def test_documented_commands_exist_with_their_options() -> None:
    lines = [ln for page in PAGES for ln in command_lines(page.read_text())]
    assert sum("codecanary " in ln for ln in lines) > 20  # the check sees the examples
    errors = [e for ln in lines for e in option_errors(ln)]
    assert not errors, "\n".join(errors)


def test_command_check_catches_a_wrong_option_and_command() -> None:
    assert option_errors("codecanary nightly --samples 2 --smaples 3") == [
        "nightly has no --smaples: codecanary nightly --samples 2 --smaples 3"]
    assert option_errors("codecanary tasks validate --mutation --no-mutation") == []
    assert option_errors(".venv/bin/codecanary nightlyy") == [
        "no command 'nightlyy' in: .venv/bin/codecanary nightlyy"]
