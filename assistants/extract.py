"""Recover the files an assistant meant to write from its free-text reply.

Models answer in many shapes; this module accepts all the common ones:

* fenced blocks (```` ``` ```` or ``~~~``, any length, with or without a
  language tag, possibly unterminated when the reply was cut at max_tokens);
* files named in a header before the block (``### path/file.py``,
  ``**file.py**``, ``File: `file.py```, ``Here is `file.py`:``), in the info
  string (```` ```python title="x.py" ````, ```` ```rust:src/x.rs ````,
  ```` ```x.py ````) or in a first-line comment (``// file: x.rs``,
  ``# x.py``), which is removed from the content;
* no fence at all: the whole reply, or sections split by ``// file: x`` /
  ``### x`` header lines, with prose lines trimmed from the edges (for Python
  the largest span that parses wins);
* prose, explanations and usage examples around the code.

Named blocks go to the named file (matched by basename when the model adds or
drops a directory); unnamed blocks fill the remaining target files, preferring
blocks that define the names the workspace stub declares, then the later of
two similar-sized blocks (a quoted original followed by the fix). Nothing here
executes code: Python is only parsed with :mod:`ast`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from assistants.render import extensions
from codecanary.languages import specs
from codecanary.types import Files

OTHER_EXT = {"c", "h", "hpp", "ts", "go", "rb", "toml", "json", "yaml", "yml", "txt", "md", "cfg",
             "ini", "sh"}
"""File extensions recognised in names besides those of the registered languages."""
SHELL_TAGS = {"bash", "sh", "shell", "console", "output", "text", "plaintext", "diff",
              "terminal", "log", "stdout", "json5"}
"""Fence tags of command lines and output, not code, unless a language claims the tag."""


def known_ext() -> set[str]:
    """Extensions a file name must have to be taken for one: the languages' and others."""
    return OTHER_EXT | {ext for s in specs() for ext in s.extensions}


def not_code_tags() -> set[str]:
    """Fence tags whose blocks are never a file's code (:data:`SHELL_TAGS`, less the
    tags a registered language claims)."""
    return SHELL_TAGS - set(tag_languages())


def tag_languages() -> dict[str, str]:
    """Fence tag -> language, from every language's spec (``py`` -> ``python``)."""
    return {tag: s.name for s in specs() for tag in s.fence_tags}


_PATH = r"[\w][\w.\-/]*\.[A-Za-z0-9+]{1,6}"
_FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
_ATTR = re.compile(r"\b(?:title|file|filename|path|name)\s*[=:]\s*[\"']?([^\"'\s}]+)")
_COMMENT_HEADER = re.compile(
    r"^\s*(?:#+|//+|--|;+|/\*+|<!--)\s*(?:(?:file(?:name)?|path)\s*:\s*)?"
    r"`?(?P<path>" + _PATH + r")`?\s*(?:\*/|-->)?\s*$", re.IGNORECASE)
_EXPLICIT_HEADER = re.compile(
    r"^\s*(?:(?:#|//|--)\s*(?:file(?:name)?|path)\s*:\s*|#{1,6}\s+(?:file\s*:\s*)?)"
    r"[`*\"']*(?P<path>" + _PATH + r")[`*\"':]*\s*$", re.IGNORECASE)
_PATH_TOKEN = re.compile(r"(?<!\w)([\w./][\w.\-/]*\.[A-Za-z0-9+]{1,6})(?![\w/])")
_DEFINES = re.compile(
    r"\b(?:def|class|fn|struct|enum|trait|function|interface|type)\s+([A-Za-z_]\w*)")
_CODE_START = re.compile(
    r"^(?:def|class|import|from|fn|pub|use|impl|struct|enum|let|const|return|if|elif|else|for|"
    r"while|async|await|mod|trait|type|static|function|var|export|package|public|private|"
    r"protected|try|except|finally|with|match|case|raise|assert|yield|lambda|template|"
    r"namespace|using|int|void|auto|#|//|/\*|@)\b")
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL)


@dataclass
class Block:
    """One piece of code found in a reply: its content, tag, name (if any) and position."""

    text: str
    tag: str = ""
    name: str | None = None
    index: int = 0
    closed: bool = True


@dataclass(frozen=True)
class Extraction:
    """Files recovered from a reply, with one note per file saying how it was found."""

    files: Files
    notes: tuple[str, ...] = field(default_factory=tuple)


def _clean_name(raw: str) -> str | None:
    name = raw.strip().strip("`*\"':,;()[]")
    for prefix in ("./", "/box/", "box/", "workspace/"):
        name = name.removeprefix(prefix)
    ext = PurePosixPath(name).suffix.lstrip(".").lower()
    if not name or ext not in known_ext():
        return None
    return name


def _name_from_info(info: str) -> tuple[str, str | None]:
    """(language tag, file name) from a fence info string."""
    info = info.strip().strip("{}")
    attr = _ATTR.search(info)
    first = info.split()[0] if info.split() else ""
    first = first.lstrip(".")
    name = _clean_name(attr.group(1)) if attr else None
    if ":" in first and not attr:
        tag, _, rest = first.partition(":")
        return tag.lower(), _clean_name(rest)
    if name is None and "." in first and _clean_name(first):
        ext = PurePosixPath(first).suffix.lstrip(".").lower()
        return extensions().get(ext, ext), _clean_name(first)
    return first.lower(), name


def _name_from_prose(prose: str) -> str | None:
    """A file named on the last non-empty prose line before a block."""
    lines = [ln for ln in prose.splitlines() if ln.strip()]
    if not lines or len(lines[-1]) > 160:
        return None
    names = [n for n in (_clean_name(t) for t in _PATH_TOKEN.findall(lines[-1])) if n]
    return names[-1] if names else None


def _split_fenced(reply: str) -> tuple[list[Block], list[str]]:
    """Fenced blocks of ``reply`` and the prose between them (len(prose) == len(blocks)+1)."""
    lines = reply.split("\n")
    blocks: list[Block] = []
    prose: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if not m:
            current.append(lines[i])
            i += 1
            continue
        fence, indent = m.group("fence"), len(m.group("indent").expandtabs())
        close = re.compile(r"^\s*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        body: list[str] = []
        i += 1
        closed = False
        while i < len(lines):
            if close.match(lines[i]):
                closed = True
                i += 1
                break
            line = lines[i]
            strip = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            i += 1
        tag, name = _name_from_info(m.group("info"))
        prose.append("\n".join(current))
        current = []
        text = "\n".join(body) if closed else "\n".join(body).rstrip("\n")
        blocks.append(Block(text=text + "\n" if text else "", tag=tag, name=name,
                            index=len(blocks), closed=closed))
    prose.append("\n".join(current))
    return blocks, prose


def _strip_header_comment(block: Block) -> None:
    """Take a file name from a first-line comment (``// file: x.rs``) and drop that line."""
    first, _, rest = block.text.partition("\n")
    m = _COMMENT_HEADER.match(first)
    if m and _clean_name(m.group("path")):
        if block.name is None:
            block.name = _clean_name(m.group("path"))
        block.text = rest


def _is_prose(line: str) -> bool:
    s = line.strip()
    if not s or line[:1].isspace() or _CODE_START.match(s):
        return False
    words = s.split()
    if re.match(r"^(?:[-*+]|\d+[.)])\s", s) and len(words) >= 3:
        return True
    if re.search(r"[;{}=,(\[]\s*$", s):
        return False
    return len(words) >= 2 and (s[-1] in ".:!?" or (
        len(words) >= 5 and not re.search(r"[(){}\[\];=<>]", s)))


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


def trim_prose(text: str, language: str) -> str:
    """Drop prose lines before and after the code of an unfenced reply."""
    lines = text.strip("\n").split("\n")
    lo, hi = 0, len(lines)
    while lo < hi and (not lines[lo].strip() or _is_prose(lines[lo])):
        lo += 1
    while hi > lo and (not lines[hi - 1].strip() or _is_prose(lines[hi - 1])):
        hi -= 1
    body = "\n".join(lines[lo:hi])
    if language == "python" and body and not _parses(body):
        starts = [i for i in range(len(lines)) if lines[i][:1].strip()][:40]
        best = (0, lo, hi)
        for a in starts:
            for b in range(len(lines), a, -1):
                if b - a <= best[0]:
                    break
                if lines[b - 1].strip() and _parses("\n".join(lines[a:b])):
                    best = (b - a, a, b)
                    break
        if best[0]:
            body = "\n".join(lines[best[1]:best[2]])
    return body + "\n" if body else ""


def _unfenced(reply: str, language: str) -> list[Block]:
    """Blocks of a reply without fences: sections split by explicit file header lines."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in reply.split("\n"):
        m = _EXPLICIT_HEADER.match(line)
        if m and _clean_name(m.group("path")):
            sections.append((_clean_name(m.group("path")), []))
        else:
            sections[-1][1].append(line)
    out: list[Block] = []
    for name, body in sections:
        lang = _lang_of(name, language) if name else language
        text = trim_prose("\n".join(body), lang)
        if text.strip():
            out.append(Block(text=text, name=name, index=len(out)))
    return out


def _lang_of(path: str | None, default: str) -> str:
    if not path:
        return default
    return extensions().get(PurePosixPath(path).suffix.lstrip(".").lower(), default)


def _match_target(name: str, targets: Sequence[str]) -> str:
    if name in targets:
        return name
    base = PurePosixPath(name).name
    hits = [t for t in targets if PurePosixPath(t).name == base]
    if len(hits) == 1:
        return hits[0]
    hits = [t for t in targets if t.endswith("/" + name) or name.endswith("/" + t)]
    return hits[0] if len(hits) == 1 else name


def _safe(path: str) -> bool:
    p = PurePosixPath(path)
    return bool(path) and not p.is_absolute() and ".." not in p.parts and "\x00" not in path


def _fits(block: Block, target: str, language: str) -> bool:
    if block.tag in not_code_tags():
        return False
    want = _lang_of(target, language)
    tags = tag_languages()
    got = tags.get(block.tag, block.tag)
    return not got or got == want or got not in tags.values()


def _choose(cands: list[Block], stub: str | None) -> Block:
    """Best unnamed block for one target: defines the stub's names, big, late."""
    names = set(_DEFINES.findall(stub or ""))

    def defined(b: Block) -> int:
        return len(names & set(_DEFINES.findall(b.text)))

    top = max(defined(b) for b in cands)
    pool = [b for b in cands if defined(b) == top]
    longest = max(len(b.text) for b in pool)
    return [b for b in pool if len(b.text) >= longest / 2][-1]


def extract(reply: str, targets: Sequence[str], language: str,
            workspace: Mapping[str, str] | None = None) -> Extraction:
    """Files in ``reply`` for a task whose files to produce are ``targets``.

    ``workspace`` (the task's starting files) helps pick between unnamed blocks.
    Files the reply names besides the targets are kept when their path is safe.
    """
    reply = _THINK.sub("", reply.replace("\r\n", "\n").replace("\r", "\n"))
    blocks, prose = _split_fenced(reply)
    how = "fenced"
    if not blocks:
        blocks, how = _unfenced(reply, language), "unfenced"
    else:
        for b in blocks:
            _strip_header_comment(b)
            if b.name is None:
                b.name = _name_from_prose(prose[b.index])
    files: Files = {}
    notes: list[str] = []
    for b in blocks:
        if b.name is None or not b.text.strip():
            continue
        path = _match_target(b.name, targets)
        if _safe(path):
            files[path] = b.text
            notes.append(f"{path}: {how} block #{b.index} named {b.name!r}"
                         + ("" if b.closed else " (unterminated)"))
    used = {id(b) for b in blocks if b.name is not None}
    for target in targets:
        if target in files:
            continue
        cands = [b for b in blocks if id(b) not in used and b.text.strip()
                 and _fits(b, target, language)]
        if not cands:
            continue
        chosen = _choose(cands, (workspace or {}).get(target))
        used.add(id(chosen))
        files[target] = chosen.text
        notes.append(f"{target}: unnamed {how} block #{chosen.index}"
                     + ("" if chosen.closed else " (unterminated)"))
    for target in targets:  # the model named the file wrongly: take its one stray file
        stray = [p for p in files if p not in targets and p not in (workspace or {})
                 and _lang_of(p, "") == _lang_of(target, language)]
        if target not in files and len(stray) == 1:
            files[target] = files[stray[0]]
            notes.append(f"{target}: taken from misnamed {stray[0]!r}")
    return Extraction(files=files, notes=tuple(notes))


def extract_files(reply: str, targets: Sequence[str], language: str,
                  workspace: Mapping[str, str] | None = None) -> Files:
    """Shorthand for ``extract(...).files``."""
    return extract(reply, targets, language, workspace).files
