"""Rust fault operators: token-level rewrites of source text.

There is no Rust parser in the toolchain we can rely on, so operators work on
text. To keep them from touching comments and literals, :func:`mask` first
blanks comments (to spaces) and the contents of string, byte-string, raw-string
and character literals (to NUL), keeping every offset. Finders run regular
expressions and bracket matching on the masked text and return *edits*
``(start, end, replacement)`` on the original text; :func:`apply` performs one.

The faults model what assistants get wrong in Rust: moving where a borrow was
needed, unwrapping an ``Option`` that may be ``None``, an off-by-one bound and a
non-atomic read-modify-write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from codecanary.registry import register
from generators.faults.base import FaultOperator

Edit = tuple[int, int, str]
"""Replace ``source[start:end]`` by the string."""

Finder = Callable[[str, str], list[Edit]]
"""(original source, masked source) -> edits, sorted by position."""

_CHAR = re.compile(r"'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F_]{1,6}\}|.)|[^\\'\n])'")
_IDENT = re.compile(r"[A-Za-z_]\w*")
_RAW = re.compile(r'(#*)"')
_PATH = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"
_KEYWORDS = frozenset(
    (
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
        "pub", "ref", "return", "static", "struct", "trait", "type", "unsafe", "use", "where",
        "while",
    )
)
_OPEN, _CLOSE = "([{", ")]}"


def mask(source: str) -> str:
    """``source`` with comments blanked to spaces and literal contents to NUL.

    Same length and offsets as ``source``; newlines are kept. Handles nested
    block comments, escapes, raw strings (``r#"..."#``), byte/C string prefixes
    and tells character literals (``'a'``) from lifetimes (``'a``).
    """
    out = list(source)
    n, i = len(source), 0

    def blank(start: int, end: int, fill: str) -> None:
        for k in range(start, end):
            if out[k] != "\n":
                out[k] = fill

    while i < n:
        c = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            end = n if end < 0 else end
            blank(i, end, " ")
            i = end
        elif source.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if source.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif source.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j, " ")
            i = j
        elif c == '"':
            j = i + 1
            while j < n and source[j] != '"':
                j += 2 if source[j] == "\\" else 1
            blank(i + 1, min(j, n), "\0")
            i = j + 1
        elif c == "'":
            m = _CHAR.match(source, i)
            if m:
                blank(i + 1, m.end() - 1, "\0")
                i = m.end()
            else:
                i += 1  # a lifetime or loop label
        elif c.isalpha() or c == "_":
            word = _IDENT.match(source, i)
            assert word is not None
            i = word.end()
            raw = _RAW.match(source, i) if word.group() in ("r", "br", "cr") else None
            if raw:
                close = source.find('"' + raw.group(1), raw.end())
                close = n if close < 0 else close
                blank(raw.end(), close, "\0")
                i = close + len(raw.group(0))
        else:
            i += 1
    return "".join(out)


def _match_close(masked: str, open_at: int) -> int:
    """Index of the bracket closing the one at ``open_at`` (-1 if unbalanced)."""
    depth = 0
    for j in range(open_at, len(masked)):
        if masked[j] in _OPEN:
            depth += 1
        elif masked[j] in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _match_open(masked: str, close_at: int) -> int:
    """Index of the bracket opening the one at ``close_at`` (-1 if unbalanced)."""
    depth = 0
    for j in range(close_at, -1, -1):
        if masked[j] in _CLOSE:
            depth += 1
        elif masked[j] in _OPEN:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _enclosing_open(masked: str, pos: int) -> int:
    """Index of the innermost bracket enclosing ``pos`` (-1 at top level)."""
    depth = 0
    for j in range(pos - 1, -1, -1):
        if masked[j] in _CLOSE:
            depth += 1
        elif masked[j] in _OPEN:
            if depth == 0:
                return j
            depth -= 1
    return -1


def _is_call_paren(masked: str, paren: int) -> bool:
    """Whether the ``(`` at ``paren`` opens the arguments of a function or method call.

    The callee must be an identifier right before the paren, lower-case first
    (upper-case ones are tuple structs and enum variants, often in patterns),
    not a keyword and not the name in a ``fn`` declaration. Macros (``!(``),
    tuples, closures' parameter lists and type positions are thus excluded.
    """
    if masked[paren] != "(":
        return False
    start = paren
    while start > 0 and (masked[start - 1].isalnum() or masked[start - 1] == "_"):
        start -= 1
    callee = masked[start:paren]
    if not callee or not (callee[0].islower() or callee[0] == "_") or callee in _KEYWORDS:
        return False
    return not re.search(r"\bfn\s*$", masked[:start])


def move_instead_of_borrow(source: str, masked: str) -> list[Edit]:
    """Move a value where it should be borrowed (borrow-checking).

    Sites: ``for p in &xs {`` loses its ``&``; a call argument that is exactly
    ``&path`` (``f(&v)``, ``x.push(a, &v)``; not ``&mut``, ``&&``, ``&self``,
    patterns, macros or types) loses its ``&``; ``path.iter()`` becomes
    ``path.into_iter()``. Using the value afterwards then fails with E0382 (or
    E0507 when it sits behind a reference): the assistant "fixed" a type error
    by moving.
    """
    edits: list[Edit] = []
    for m in re.finditer(rf"\bfor\b[^{{}};=]*?\bin\s+(&)(?!mut\b)({_PATH})\s*\{{", masked):
        edits.append((m.start(1), m.end(1), ""))
    for m in re.finditer(rf"[(,]\s*(&)({_PATH})\s*(?=[,)])", masked):
        root = m.group(2).split(".")[0]
        if root in ("self", "mut") or root in _KEYWORDS:
            continue
        if _is_call_paren(masked, _enclosing_open(masked, m.start(1))):
            edits.append((m.start(1), m.end(1), ""))
    for m in re.finditer(rf"(?<![\w.)\]?:]){_PATH}(\.iter)\(\)", masked):
        edits.append((m.start(1), m.end(1), ".into_iter"))
    return sorted(set(edits))


def unwrap_none(source: str, masked: str) -> list[Edit]:
    """Assume an ``Option``/``Result`` always holds a value (null-handling).

    Sites: ``.unwrap_or(x)``, ``.unwrap_or_else(f)`` and ``.unwrap_or_default()``
    become ``.unwrap()``, which panics on the ``None``/``Err`` case the fallback
    was handling (``.get(i).copied().unwrap_or(0)`` included).
    """
    edits: list[Edit] = []
    for m in re.finditer(r"\.unwrap_or(?:_else|_default)?\s*\(", masked):
        close = _match_close(masked, m.end() - 1)
        if close >= 0:
            edits.append((m.start(), close + 1, ".unwrap()"))
    return edits


def off_by_one(source: str, masked: str) -> list[Edit]:
    """Shift a boundary by one (boundaries).

    Sites: ``..=`` becomes ``..``; a range ``a..b`` with both ends becomes
    ``a..=b`` (struct update ``..base``, rest patterns and open ranges are left
    alone); a comparison written with spaces flips strictness: `` < `` <->
    `` <= ``, `` > `` <-> `` >= `` (generics and arrows never match).
    """
    edits: list[Edit] = []
    for m in re.finditer(r"(?<!\.)\.\.=", masked):
        edits.append((m.start(), m.end(), ".."))
    for m in re.finditer(r"(?<=[\w)\]])\.\.(?=[\w(])", masked):
        edits.append((m.start(), m.end(), "..="))
    flip = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
    for m in re.finditer(r"(?<=\s)(<=|>=|<|>)(?=\s)", masked):
        edits.append((m.start(), m.end(), flip[m.group()]))
    return sorted(edits)


def _receiver_start(masked: str, dot: int) -> int:
    """Start of the postfix receiver expression ending just before ``dot``.

    Walks back over identifiers, ``.``/``::`` separators (line breaks in method
    chains allowed) and balanced ``(...)``/``[...]`` groups, e.g. ``self.slots[i]``
    or ``COUNTERS.get(k).unwrap()``. Returns ``dot`` when there is no receiver.
    """
    pos = dot
    while True:
        j = pos
        while j > 0 and masked[j - 1].isspace():
            j -= 1
        if j > 0 and masked[j - 1] in ")]":
            opener = _match_open(masked, j - 1)
            if opener < 0:
                return pos
            pos = opener
            continue
        word = j
        while word > 0 and (masked[word - 1].isalnum() or masked[word - 1] == "_"):
            word -= 1
        if word == j:
            return pos
        pos = word
        k = pos
        while k > 0 and masked[k - 1].isspace():
            k -= 1
        if masked[k - 1 : k] == "." and masked[k - 2 : k] != "..":
            pos = k - 1
        elif masked[k - 2 : k] == "::":
            pos = k - 2
        else:
            return pos


def _split_args(masked: str, open_at: int, close_at: int) -> list[tuple[int, int]]:
    """Spans of the top-level comma-separated arguments between two brackets."""
    spans: list[tuple[int, int]] = []
    depth, begin = 0, open_at + 1
    for j in range(open_at + 1, close_at):
        if masked[j] in _OPEN:
            depth += 1
        elif masked[j] in _CLOSE:
            depth -= 1
        elif masked[j] == "," and depth == 0:
            spans.append((begin, j))
            begin = j + 1
    if masked[begin:close_at].strip():
        spans.append((begin, close_at))
    return spans


def _ordering(order: str, kind: str) -> str:
    """An ordering valid for a plain ``load``/``store`` derived from a RMW ordering.

    ``load`` panics with ``Release``/``AcqRel`` and ``store`` with
    ``Acquire``/``AcqRel``, which would make the mutant crash instead of race.
    """
    table = {
        "load": {"Release": "Relaxed", "AcqRel": "Acquire"},
        "store": {"Acquire": "Relaxed", "AcqRel": "Release"},
    }[kind]
    m = re.search(r"\b(\w+)$", order)
    if m and m.group(1) in table:
        return order[: m.start(1)] + table[m.group(1)]
    return order


def split_atomic(source: str, masked: str) -> list[Edit]:
    """Turn an atomic read-modify-write into a separate load and store (concurrency).

    Sites: ``r.fetch_add(a, o)`` becomes ``r.store(r.load(o) + a, o)`` when it is
    a statement of its own, otherwise a block computing the same old value
    (``{ let prev = r.load(o); r.store(prev + a, o); prev }``) so the code still
    type-checks; ``fetch_sub`` likewise with ``-``. Orderings invalid for a
    plain load or store are weakened. Concurrent updates are then lost.
    """
    edits: list[Edit] = []
    for m in re.finditer(r"\.fetch_(add|sub)\s*\(", masked):
        close = _match_close(masked, m.end() - 1)
        start = _receiver_start(masked, m.start())
        args = _split_args(masked, m.end() - 1, close) if close >= 0 else []
        if start == m.start() or len(args) != 2:
            continue
        recv = source[start : m.start()].strip()
        amount, order = (source[a:b].strip() for a, b in args)
        if not re.fullmatch(r"[\w.:]+", amount):
            amount = f"({amount})"
        op = "+" if m.group(1) == "add" else "-"
        load, store = _ordering(order, "load"), _ordering(order, "store")
        before = masked[:start].rstrip()[-1:]
        after = masked[close + 1 :].lstrip()[:1]
        statement = before in ("", ";", "{", "}")
        if statement and after == ";":
            new = f"{recv}.store({recv}.load({load}) {op} {amount}, {store})"
        else:
            prev = "prev"
            while re.search(rf"\b{prev}\b", source[start : close + 1]):
                prev += "_"
            new = f"{{ let {prev} = {recv}.load({load}); {recv}.store({prev} {op} {amount}, "
            new += f"{store}); {prev} }}"
            if statement and after != "}":
                new = f"({new})"
        edits.append((start, close + 1, new))
    return edits


OPERATORS: dict[str, tuple[tuple[str, ...], Finder]] = {
    "move-instead-of-borrow": (("borrow-checking",), move_instead_of_borrow),
    "off-by-one": (("boundaries",), off_by_one),
    "split-atomic": (("concurrency",), split_atomic),
    "unwrap-none": (("null-handling",), unwrap_none),
}
"""Operator name -> (weakness areas, finder)."""


def count(finder: Finder, source: str) -> int:
    """Number of sites of ``finder`` in ``source``."""
    return len(finder(source, mask(source)))


def apply(finder: Finder, source: str, site: int) -> str:
    """``source`` with edit number ``site`` of ``finder`` applied.

    Raises IndexError when ``site`` is not in ``range(count(finder, source))``.
    """
    edits = finder(source, mask(source))
    if not 0 <= site < len(edits):
        raise IndexError(f"site {site} out of range (0..{len(edits) - 1})")
    start, end, new = edits[site]
    return source[:start] + new + source[end:]


for _name, (_weakness, _finder) in OPERATORS.items():
    register("fault", f"rust:{_name}")(FaultOperator(
        _name, "rust", _weakness, partial(count, _finder), partial(apply, _finder)))
