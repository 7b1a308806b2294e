"""Compose operators: one child asks for the work of two parents in one module.

``<area>/compose`` (one operator per weakness area, so that
:func:`generators.mutators.mutators_for` offers it in every cell) takes a
parent and a *partner* of the same cell and language and derives a child whose
prompt asks for both parts, whose reference is both references merged into the
one entry point, whose hidden tests are both parents' tests (unchanged: they
import the same entry point) and whose hand-written mutants are every mutant of
both parents, each overlaid on the other parent's reference. Composition is
harder than either part alone: two specifications must be kept apart in one
module, and a weakness seen in one part may hide behind the other.

The operator needs a second task, so :meth:`Compose.propose` gives ``None`` and
the campaign calls :meth:`Compose.pair` (``pairs = True`` marks such operators)
with a partner it drew from the cell. ``pair`` returns ``None`` when the two
cannot be merged soundly: different languages or entry points, the same task,
files other than the entry point, or a top-level name bound by both parts that
cannot be renamed (an import, a dunder, or a name the partner's prompt, tests
or string literals mention: public functions always are). Other clashes
(private helpers, module constants) are renamed in the partner's code only, by
tokens, and recorded in ``params["renamed"]``. Parents of different kinds
(implement + repair, ...) give an ``implement`` child whose prompt says each
part's kind; parents of one kind keep it.

Only Python is merged, so there is one operator per area with Python tasks
(no ``borrow-checking/compose``). Rust tasks with a differential driver would
need the two drivers merged behind one JSON-lines protocol: not done yet.
"""

from __future__ import annotations

import ast
import io
import random
import re
import tokenize
from dataclasses import replace

from codecanary.types import WEAKNESSES, Files, Limits, Task
from generators.mutators.base import Mutation, derive, unique_name

MAX_TIME_S = 120.0  # generated tasks may not ask for more (generators.gate.Bounds)
_HEADING = re.compile(r"^(#{1,4})(\s)", re.M)
_IMPORT_KINDS = ("import:", "from:")
PART_INSTRUCTIONS = {
    "implement": "Implement this part: replace its stubs with a working implementation.",
    "repair": "This part's code in the workspace has a bug: find it and fix it, changing only "
              "what the fix needs and keeping its public interface.",
    "refactor": "Refactor this part's code as asked: its observable behaviour must stay exactly "
                "the same.",
    "next-edit": "This part's code is in the middle of an edit: make the next edit, "
                 "consistently with the changes already made.",
}


class Compose:
    """See the module docstring. ``area``: the cell's weakness (the child's primary area)."""

    pairs = True

    def __init__(self, area: str, languages: tuple[str, ...]) -> None:
        self.name = f"{area}/compose"
        self.weakness: tuple[str, ...] = (area,)
        self.languages = languages

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        """Always None: a composition needs a partner (see :meth:`pair`)."""
        return None

    def pair(self, parent: Task, partner: Task, rng: random.Random) -> Mutation | None:
        """The child asking for ``parent``'s and ``partner``'s work together, or None when
        the two cannot be merged soundly (see the module docstring). Deterministic."""
        if (parent.language not in self.languages or parent.area != self.weakness[0]
                or partner.language != parent.language or partner.id == parent.id
                or partner.entry_point != parent.entry_point):
            return None
        if parent.language == "python":
            return _compose_python(self.name, parent, partner)
        return None


def _bindings(source: str) -> dict[str, str] | None:
    """Top-level name -> how it is bound (``def``, ``assign``, ``import:m``, ``from:m:n``);
    None when ``source`` does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:
                out[a.asname or a.name.split(".")[0]] = f"import:{a.name}:{bool(a.asname)}"
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                out[a.asname or a.name] = f"from:{'.' * node.level}{node.module}:{a.name}"
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out[node.name] = "def"
            out.update({n: "assign" for n in _globals(node)})
        else:
            out.update({n: "assign" for n in _stored(node)})
    return out


def _stored(node: ast.AST) -> set[str]:
    """Names a top-level statement binds (not inside functions, classes or lambdas)."""
    found: set[str] = set()
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            found.add(n.id)
        elif isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.add(n.name)
            found |= _globals(n)
            continue
        if not isinstance(n, ast.Lambda):
            todo.extend(ast.iter_child_nodes(n))
    return found


def _globals(node: ast.AST) -> set[str]:
    """Names declared ``global`` anywhere inside a function or class."""
    return {name for n in ast.walk(node) if isinstance(n, ast.Global) for name in n.names}


def _clashes(parent_files: list[str],
             partner_files: list[str]) -> dict[str, tuple[str, str]] | None:
    """Names bound by both sides with different bindings: name -> (parent's, partner's)."""
    mine: dict[str, str] = {}
    theirs: dict[str, str] = {}
    for sources, into in ((parent_files, mine), (partner_files, theirs)):
        for source in sources:
            b = _bindings(source)
            if b is None:
                return None
            into.update(b)
    return {n: (mine[n], theirs[n]) for n in sorted(mine.keys() & theirs.keys())
            if not (mine[n] == theirs[n] and mine[n].startswith(_IMPORT_KINDS))}


def _string_mentions(source: str, name: str) -> bool:
    """Whether ``name`` appears as a word inside a string literal of ``source``
    (f-strings are single tokens before Python 3.12: a rename could not reach them)."""
    word = re.compile(rf"\b{re.escape(name)}\b")
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return True
    return any(t.type == tokenize.STRING and word.search(t.string)
               for t in toks)


def rename(source: str, mapping: dict[str, str]) -> str:
    """``source`` with every name token in ``mapping`` renamed, except attribute names
    (``x.name``) and methods (a ``def``/``class`` that is not at column 0)."""
    if not mapping:
        return source
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    prev: tokenize.TokenInfo | None = None
    skip = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.string in mapping:
            attribute = prev is not None and prev.string == "."
            method = (prev is not None and prev.string in ("def", "class")
                      and prev.start[1] != 0)
            if not attribute and not method:
                a = starts[tok.start[0] - 1] + tok.start[1]
                b = starts[tok.end[0] - 1] + tok.end[1]
                edits.append((a, b, mapping[tok.string]))
        if tok.type not in skip:
            prev = tok
    for a, b, new in reversed(edits):
        source = source[:a] + new + source[b:]
    return source


def _split_head(source: str) -> tuple[list[str], str]:
    """(``from __future__`` import lines, the source without them and its docstring)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    drop: set[int] = set()
    future: list[str] = []
    for i, node in enumerate(tree.body):
        doc = (i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
               and isinstance(node.value.value, str))
        is_future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        if doc or is_future:
            span = range(node.lineno - 1, node.end_lineno or node.lineno)
            drop.update(span)
            if is_future:
                future.append("".join(lines[j] for j in span))
    body = "".join(line for j, line in enumerate(lines) if j not in drop)
    return future, body.strip("\n") + "\n"


def merge_modules(first: str, second: str) -> str:
    """``first`` then ``second`` as one module; ``second``'s ``from __future__`` imports
    move to the top (after ``first``'s docstring) and its docstring is dropped."""
    future, body = _split_head(second)
    head = "".join(f for f in future if f not in first)
    lines = first.splitlines(keepends=True)
    at = _after_doc_and_future(first)
    top = "".join(lines[:at]) + head + "".join(lines[at:])
    return top.rstrip("\n") + "\n\n\n" + body


def _after_doc_and_future(source: str) -> int:
    tree = ast.parse(source)
    at = 0
    for i, node in enumerate(tree.body):
        doc = (i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
               and isinstance(node.value.value, str))
        if doc or (isinstance(node, ast.ImportFrom) and node.module == "__future__"):
            at = node.end_lineno or at
        else:
            break
    return at


def _shift_headings(markdown: str) -> str:
    """Markdown headings two levels deeper (outside fenced code blocks)."""
    out: list[str] = []
    fenced = False
    for line in markdown.strip("\n").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        out.append(line if fenced else _HEADING.sub(r"##\1\2", line))
    return "\n".join(out) + "\n"


def compose_prompt(parent: Task, partner: Task) -> str:
    """The child's prompt: both parents' prompts as two parts of one module."""
    entry = parent.entry_point
    return (f"# Two parts in one module\n\nThis task has two independent parts. Both are "
            f"written in the one file `{entry}`, which the hidden tests of both parts "
            f"import. Give every name each part asks for; helpers of one part must not "
            f"change the behaviour of the other.\n\n"
            f"## Part 1: {parent.title}\n\n{_part(parent)}\n"
            f"## Part 2: {partner.title}\n\n{_part(partner)}")


def _part(task: Task) -> str:
    """One part of the prompt: what kind of work it is, then the task's own prompt."""
    return f"*{PART_INSTRUCTIONS[task.kind]}*\n\n{_shift_headings(task.prompt)}"


def merged_limits(a: Limits, b: Limits) -> Limits:
    """Limits for running both parts' tests in one run: times add up, the rest is the max."""
    cpu = None if a.cpu_s is None and b.cpu_s is None else (
        (a.cpu_s or a.time_s) + (b.cpu_s or b.time_s))
    return Limits(time_s=min(a.time_s + b.time_s, MAX_TIME_S),
                  memory_mb=max(a.memory_mb, b.memory_mb),
                  cpu_s=None if cpu is None else min(cpu, MAX_TIME_S),
                  processes=max(a.processes, b.processes), file_mb=max(a.file_mb, b.file_mb),
                  output_bytes=max(a.output_bytes, b.output_bytes))


def _merge_tests(parent: Task, partner: Task) -> Files | None:
    """Both parents' test files; a partner test file whose name is taken gets a new name
    (pytest needs unique basenames); a clashing non-test helper file refuses (None)."""
    tests = dict(parent.tests)
    basenames = {p.rsplit("/", 1)[-1] for p in tests}
    for path in sorted(partner.tests):
        text = partner.tests[path]
        base = path.rsplit("/", 1)[-1]
        if path in tests and tests[path] == text and not base.startswith("test_"):
            continue  # the same helper file on both sides
        if path in tests or base in basenames:
            if not (base.startswith("test_") and base.endswith(".py")):
                return None
            stem, n = base[:-3], 2
            while f"{stem}_{n}.py" in basenames:
                n += 1
            base = f"{stem}_{n}.py"
            path = path[:-len(path.rsplit("/", 1)[-1])] + base
        tests[path] = text
        basenames.add(base)
    return tests


def _compose_python(operator: str, parent: Task, partner: Task) -> Mutation | None:
    entry = parent.entry_point
    for t in (parent, partner):
        if set(t.reference) != {entry} or not set(t.workspace) <= {entry} or any(
                set(files) != {entry} for files in t.mutants.values()):
            return None
    mine = [parent.reference[entry], *parent.workspace.values(),
            *(m[entry] for m in parent.mutants.values())]
    theirs = [partner.reference[entry], *partner.workspace.values(),
              *(m[entry] for m in partner.mutants.values())]
    clashes = _clashes(mine, theirs)
    if clashes is None:
        return None
    mentions = "\n".join([partner.prompt, *partner.tests.values()])
    taken = "\n".join([*mine, *theirs, *parent.tests.values(), *partner.tests.values()])
    mapping: dict[str, str] = {}
    for name, (_, how) in clashes.items():
        if (how.startswith(_IMPORT_KINDS) or name.startswith("__")
                or re.search(rf"\b{re.escape(name)}\b", mentions)
                or any(_string_mentions(s, name) for s in theirs)):
            return None
        mapping[name] = unique_name(name, taken + "\n" + "\n".join(mapping.values()))
    try:
        ref = merge_modules(parent.reference[entry], rename(partner.reference[entry], mapping))
        workspace = {}
        if parent.workspace or partner.workspace:
            p_ws = parent.workspace.get(entry)
            q_ws = partner.workspace.get(entry)
            q_ws = None if q_ws is None else rename(q_ws, mapping)
            workspace[entry] = (merge_modules(p_ws, q_ws) if p_ws is not None and q_ws is not None
                                else p_ws or q_ws or "")
        mutants: dict[str, Files] = {}
        partner_ref = rename(partner.reference[entry], mapping)
        for name, files in sorted(parent.mutants.items()):
            mutants[name] = {entry: merge_modules(files[entry], partner_ref)}
        for name, files in sorted(partner.mutants.items()):
            key = name if name not in mutants else unique_name(f"partner-{name}", " ".join(mutants))
            mutants[key] = {entry: merge_modules(parent.reference[entry],
                                                 rename(files[entry], mapping))}
    except (SyntaxError, tokenize.TokenError, ValueError):
        return None
    tests = _merge_tests(parent, partner)
    if tests is None:
        return None
    params: dict[str, object] = {"partner": partner.id, "partner_name": partner.name,
                                 "renamed": dict(mapping)}
    weakness = tuple(dict.fromkeys((parent.area, *parent.weakness, *partner.weakness)))
    # one kind for the whole child: the parents' kind, or ``implement`` when they differ
    # (the prompt says each part's kind)
    kind = parent.kind if parent.kind == partner.kind else "implement"
    child = derive(replace(parent, kind=kind), operator, params,
                   prompt=compose_prompt(parent, partner), workspace=workspace,
                   reference={entry: ref}, tests=tests, mutants=mutants,
                   weakness=weakness, title=f"{parent.title} + {partner.title}",
                   difficulty="hard")
    task = replace(child.task, limits=merged_limits(parent.limits, partner.limits))
    return Mutation(task, child.operator, child.params)


OPERATORS = tuple(Compose(area, ("python",)) for area in WEAKNESSES if area != "borrow-checking")
