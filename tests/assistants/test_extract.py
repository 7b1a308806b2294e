"""The code extractor: property tests over reply styles, plus real-world reply shapes."""

from __future__ import annotations

import ast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistants.extract import extract, extract_files, trim_prose
from assistants.render import fence_for, fence_tag, render_file

COMMENT = {"python": "#", "rust": "//", "javascript": "//", "cpp": "//", "java": "//"}
EXT = {"python": "py", "rust": "rs", "javascript": "js", "cpp": "cpp", "java": "java"}
WORDS = ["the", "function", "handles", "this", "value", "returns", "we", "now", "code",
         "update", "it", "works", "note", "that", "edge", "cases", "here", "is", "safe"]

languages = st.sampled_from(sorted(EXT))
idents = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda s: s not in {"def", "if", "in", "is", "or", "and", "not", "for", "as", "fn"})
sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(
    lambda ws: " ".join(ws).capitalize() + ".")
prose = st.lists(sentences, min_size=1, max_size=3).map(" ".join)


@st.composite
def paths(draw: st.DrawFn, language: str) -> str:
    folder = draw(st.sampled_from(["", "src/", "lib/util/", "pkg/"]))
    return f"{folder}{draw(idents)}.{EXT[language]}"


@st.composite
def code_lines(draw: st.DrawFn) -> str:
    """Arbitrary code-ish text (not necessarily valid), ending in a newline."""
    line = st.text(st.sampled_from("abcxyz_019 ()[]{}=+-<>:;,.'\"#`~\t"), max_size=30)
    lines = draw(st.lists(line, min_size=1, max_size=12))
    head = draw(st.sampled_from(["def run(x):", "fn run() {", "let v = 1;", "int main() {"]))
    return "\n".join([head, *lines]) + "\n"


@st.composite
def python_source(draw: st.DrawFn) -> str:
    """Valid Python without blank edges, so even an unfenced reply can be recovered."""
    stmts = []
    for _ in range(draw(st.integers(1, 4))):
        name, arg = draw(idents), draw(idents)
        stmts.append(draw(st.sampled_from([
            f"def {name}({arg}):\n    return {arg} + 1",
            f"{name} = [{arg} for {arg} in range(3)]",
            f"class C{name}:\n    def m(self, {arg}):\n        if {arg} is None:\n"
            f"            return 0\n        return {arg}",
            f"import {name}",
        ])))
    return "\n\n".join(stmts) + "\n"


@st.composite
def rust_source(draw: st.DrawFn) -> str:
    items = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(idents)
        items.append(draw(st.sampled_from([
            f"pub fn {name}(n: u64) -> u64 {{\n    let mut t = 0;\n    for i in 1..=n {{\n"
            f"        t += i;\n    }}\n    t\n}}",
            f"use std::sync::{{Arc, Mutex}};\n\nstruct S{name} {{\n    v: Vec<u8>,\n}}",
        ])))
    return "\n\n".join(items) + "\n"


def fenced(path: str, text: str, lang: str, style: str) -> str:
    fence, tag = fence_for(text), fence_tag(path, lang)
    if style == "header":
        return render_file(path, text, lang)
    if style == "bold":
        return f"**{path}**\n\n{fence}{tag}\n{text}{fence}\n"
    if style == "mention":
        return f"Here is the updated `{path}`:\n{fence}{tag}\n{text}{fence}\n"
    if style == "title":
        return f'{fence}{tag} title="{path}"\n{text}{fence}\n'
    if style == "colon":
        return f"{fence}{tag}:{path}\n{text}{fence}\n"
    return f"{fence}{tag}\n{COMMENT[lang]} file: {path}\n{text}{fence}\n"


STYLES = ["header", "bold", "mention", "title", "colon", "comment"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_named_files_recovered_in_every_style(data: st.DataObject) -> None:
    lang = data.draw(languages)
    names = data.draw(st.lists(paths(lang), min_size=1, max_size=4, unique=True))
    files = {p: data.draw(code_lines()) for p in names}
    parts = [data.draw(prose)]
    for p, text in files.items():
        parts.append(fenced(p, text, lang, data.draw(st.sampled_from(STYLES))))
        parts.append(data.draw(st.sampled_from(["", data.draw(prose)])))
    reply = "\n\n".join(parts)
    assert extract_files(reply, names, lang) == files


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_single_unnamed_block_with_prose(data: st.DataObject) -> None:
    lang = data.draw(languages)
    target = data.draw(paths(lang))
    text = data.draw(code_lines())
    tag = data.draw(st.sampled_from([fence_tag(target, lang), ""]))
    fence = data.draw(st.sampled_from([fence_for(text), "~" * 4 if "~~~" not in text else "~"]))
    fence = fence if fence != "~" else fence_for(text)
    reply = f"{data.draw(prose)}\n\n{fence}{tag}\n{text}{fence}\n\n{data.draw(prose)}\n"
    assert extract_files(reply, [target], lang) == {target: text}


@settings(max_examples=100, deadline=None)
@given(lead=st.lists(prose, max_size=2), trail=st.lists(prose, max_size=2),
       src=python_source())
def test_unfenced_python_with_prose_around(lead: list[str], trail: list[str], src: str) -> None:
    reply = "\n".join(lead) + ("\n\n" if lead else "") + src + "\n" + "\n".join(trail)
    got = extract_files(reply, ["solution.py"], "python")
    assert got == {"solution.py": src}
    ast.parse(got["solution.py"])


@settings(max_examples=60, deadline=None)
@given(a=rust_source(), b=rust_source(), intro=prose)
def test_unfenced_files_split_by_comment_headers(a: str, b: str, intro: str) -> None:
    reply = f"{intro}\n\n// file: src/a.rs\n{a}\n// file: src/b.rs\n{b}"
    assert extract_files(reply, ["src/a.rs", "src/b.rs"], "rust") == {"src/a.rs": a,
                                                                     "src/b.rs": b}


def test_usage_example_is_not_taken_for_the_solution() -> None:
    reply = ("Example usage:\n```python\nprint(display_name(None))\n```\n\nThe solution:\n"
             "```python\ndef display_name(user):\n    return 'anonymous'\n```\n")
    stub = {"solution.py": "def display_name(user):\n    raise NotImplementedError\n"}
    got = extract(reply, ["solution.py"], "python", stub)
    assert got.files["solution.py"].startswith("def display_name")
    assert "unnamed" in got.notes[0]


def test_quoted_original_then_fix_takes_the_fix() -> None:
    old = "def f(x):\n    return x - 1\n"
    new = "def f(x):\n    return x + 1\n"
    reply = f"The bug is here:\n```python\n{old}```\nFixed:\n```python\n{new}```\n"
    assert extract_files(reply, ["solution.py"], "python") == {"solution.py": new}


def test_shell_blocks_are_not_code_and_unterminated_block_is_kept() -> None:
    reply = "Run:\n```bash\npytest -q\n```\n```rust\npub fn f() -> u8 {\n    1\n"
    got = extract(reply, ["solution.rs"], "rust")
    assert got.files == {"solution.rs": "pub fn f() -> u8 {\n    1\n"}
    assert "unterminated" in got.notes[0]


def test_paths_are_normalised_and_unsafe_ones_dropped() -> None:
    reply = ("### ./src/lib.rs\n```rust\nfn a() {}\n```\n### ../../etc/x.py\n```python\nX = 1\n"
             "```\n### /box/src/other.rs\n```rust\nfn b() {}\n```\n")
    got = extract_files(reply, ["src/lib.rs", "src/other.rs"], "rust")
    assert got == {"src/lib.rs": "fn a() {}\n", "src/other.rs": "fn b() {}\n"}


def test_misnamed_single_file_is_mapped_to_the_target() -> None:
    reply = "### my_solution.py\n```python\ndef f():\n    return 1\n```\n"
    got = extract_files(reply, ["solution.py"], "python")
    assert got["solution.py"] == "def f():\n    return 1\n"


def test_no_code_gives_no_files() -> None:
    assert extract_files("I cannot help with that.", ["solution.py"], "python") == {}
    assert extract_files("", ["solution.rs"], "rust") == {}


def test_think_blocks_and_crlf_are_ignored() -> None:
    reply = "<think>maybe ```python\nwrong\n```</think>\r\n```python\r\nx = 1\r\n```\r\n"
    assert extract_files(reply, ["a.py"], "python") == {"a.py": "x = 1\n"}


def test_trim_prose_keeps_comments_and_indentation() -> None:
    text = "Here is it:\n# helper\ndef f():\n    pass\nThat is all.\n"
    assert trim_prose(text, "python") == "# helper\ndef f():\n    pass\n"
