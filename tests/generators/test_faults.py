"""Tests of the fault operators in generators.faults (Python AST and Rust text rewrites)."""

from __future__ import annotations

import ast
import json
import keyword
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codecanary import registry
from generators.faults import FaultOperator, inject, mutants, operators
from generators.faults.rust import mask

PYTHON_OPS = [
    "alias-instead-of-copy",
    "drop-none-check",
    "mutable-default",
    "off-by-one",
    "remove-lock",
    "swallow-exception",
]
RUST_OPS = ["move-instead-of-borrow", "off-by-one", "split-atomic", "unwrap-none"]


def op(language: str, name: str) -> FaultOperator:
    (found,) = [o for o in operators(language) if o.name == name]
    return found


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def all_mutants(o: FaultOperator, source: str) -> list[str]:
    return [o.apply(source, i) for i in range(o.count(source))]


# --------------------------------------------------------------------------- registry


def test_operators_are_sorted_and_complete() -> None:
    assert [o.name for o in operators("python")] == PYTHON_OPS
    assert [o.name for o in operators("rust")] == RUST_OPS
    assert operators("cobol") == []
    for o in [*operators("python"), *operators("rust")]:
        assert o.weakness, o.name


def test_operators_are_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    # Do not import every plug-in package (some may not exist yet): pretend they are loaded.
    monkeypatch.setattr(registry, "_loaded", True)
    expected = {f"python:{n}" for n in PYTHON_OPS} | {f"rust:{n}" for n in RUST_OPS}
    assert expected <= set(registry.names("fault"))
    assert registry.get("fault", "rust:split-atomic") is op("rust", "split-atomic")


# --------------------------------------------------------------------------- python examples

PY_CASES: list[tuple[str, str, int, str]] = [
    (
        "drop-none-check",
        """
        def f(x):
            if x is None:
                return 0
            return x + 1
        """,
        0,
        """
        def f(x):
            return x + 1
        """,
    ),
    (
        "drop-none-check",
        """
        def f(x):
            if x is None:
                return 0
        """,
        0,
        """
        def f(x):
            pass
        """,
    ),
    (
        "drop-none-check",
        """
        def f(x, out):
            if x is not None:
                out.append(x)
                out.sort()
            return out
        """,
        0,
        """
        def f(x, out):
            out.append(x)
            out.sort()
            return out
        """,
    ),
    ("drop-none-check", "y = a if a is not None else b\n", 0, "y = a\n"),
    ("drop-none-check", "y = b if None is a else a\n", 0, "y = a\n"),
    ("drop-none-check", "y = d.get(k, 0) + 1\n", 0, "y = d[k] + 1\n"),
    (
        "remove-lock",
        """
        def add(self, x):
            with self._lock:
                self.items.append(x)
            return x
        """,
        0,
        """
        def add(self, x):
            self.items.append(x)
            return x
        """,
    ),
    (
        "remove-lock",
        """
        def add(self, x):
            with self.LOCK, open(p) as fh:
                fh.write(x)
        """,
        0,
        """
        def add(self, x):
            with open(p) as fh:
                fh.write(x)
        """,
    ),
    (
        "remove-lock",
        """
        lock.acquire()
        try:
            n += 1
        finally:
            lock.release()
        """,
        1,
        """
        lock.acquire()
        try:
            n += 1
        finally:
            pass
        """,
    ),
    ("off-by-one", "for i in range(n):\n    pass\n", 0, "for i in range(n - 1):\n    pass\n"),
    ("off-by-one", "s = sum(range(1, n + 1))\n", 0, "s = sum(range(1, n + 1 - 1))\n"),
    ("off-by-one", "ok = 0 <= i < n\n", 0, "ok = 0 < i < n\n"),
    ("off-by-one", "ok = 0 <= i < n\n", 1, "ok = 0 <= i <= n\n"),
    ("off-by-one", "ok = a > b or a >= c\n", 1, "ok = a > b or a > c\n"),
    (
        "swallow-exception",
        """
        def pop(stack):
            if not stack:
                raise IndexError('empty')
            return stack.pop()
        """,
        0,
        """
        def pop(stack):
            if not stack:
                return None
            return stack.pop()
        """,
    ),
    (
        "mutable-default",
        """
        def collect(x, acc=None):
            if acc is None:
                acc = []
            acc.append(x)
            return acc
        """,
        0,
        """
        def collect(x, acc=[]):
            acc.append(x)
            return acc
        """,
    ),
    (
        "mutable-default",
        """
        def count(word, *, seen=None):
            if seen is None:
                seen = dict()
            seen[word] = seen.get(word, 0) + 1
            return seen
        """,
        0,
        """
        def count(word, *, seen=dict()):
            seen[word] = seen.get(word, 0) + 1
            return seen
        """,
    ),
    ("alias-instead-of-copy", "snapshot = self.items.copy()\n", 0, "snapshot = self.items\n"),
    ("alias-instead-of-copy", "snapshot = items[:]\n", 0, "snapshot = items\n"),
    ("alias-instead-of-copy", "b = copy.deepcopy(a)\n", 0, "b = copy.copy(a)\n"),
    ("alias-instead-of-copy", "b = deepcopy(a)\n", 0, "b = a\n"),
]


@pytest.mark.parametrize(("name", "before", "site", "after"), PY_CASES)
def test_python_example(name: str, before: str, site: int, after: str) -> None:
    assert op("python", name).apply(src(before), site) == src(after)


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("drop-none-check", "if x is None:\n    x = 1\nelse:\n    x = 2\n"),  # has an else
        ("drop-none-check", "if x == None:\n    pass\ny = d.get(k)\n"),
        ("remove-lock", "with open(p) as fh:\n    pass\nwith lock as held:\n    pass\n"),
        ("remove-lock", "ok = lock.acquire(False)\n"),  # not a bare statement
        ("off-by-one", "r = range(0, n, 2)\nok = a == b\n"),
        ("swallow-exception", "raise SystemExit(1)\nclass C:\n    raise X\n"),
        ("mutable-default", "def f(a=None):\n    if a is None:\n        a = compute()\n"),
        ("alias-instead-of-copy", "x[:] = y\nz = copy.copy()\n"),
    ],
)
def test_python_no_site(name: str, source: str) -> None:
    assert op("python", name).count(source) == 0


def test_python_site_order_is_source_order() -> None:
    source = src(
        """
        def f(a, b):
            if a < b:
                return [x for x in range(a) if x > b]
            return a <= b
        """
    )
    got = all_mutants(op("python", "off-by-one"), source)
    assert "if a <= b:" in got[0]
    assert "range(a - 1)" in got[1]
    assert "x >= b" in got[2]
    assert "return a < b" in got[3]
    assert len(got) == 4


def test_python_invalid_source_has_no_sites() -> None:
    for o in operators("python"):
        assert o.count("def broken(:\n") == 0
        with pytest.raises(ValueError):
            o.apply("def broken(:\n", 0)


def test_python_site_out_of_range() -> None:
    o = op("python", "off-by-one")
    with pytest.raises(IndexError):
        o.apply("a < b\n", 1)
    with pytest.raises(IndexError):
        o.apply("a < b\n", -1)


def test_python_apply_does_not_leak_between_calls() -> None:
    o = op("python", "drop-none-check")
    source = "y = a if a is not None else b\nz = d.get(k, 1)\n"
    first = o.apply(source, 0)
    o.apply(source, 1)
    assert o.apply(source, 0) == first
    assert o.count(source) == 2


# --------------------------------------------------------------------------- python properties

_RESERVED = set(keyword.kwlist) | set(keyword.softkwlist) | {"range", "copy", "deepcopy", "self"}
names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(lambda s: s not in _RESERVED)
consts = st.integers(min_value=-5, max_value=50).map(str) | st.sampled_from(["None", "''", "0.5"])

TEMPLATES = [
    "if {a} is None:\n    {b} = {c}\n",
    "if {a} is not None:\n    {b}.append({a})\n",
    "{b} = {a} if {a} is not None else {c}\n",
    "{b} = {a}.get({c}, {c})\n",
    "with self.{a}_lock:\n    {b} += {c}\n",
    "with {a}, LOCK:\n    pass\n",
    "{a}_lock.acquire()\n",
    "{a}_lock.release()\n",
    "for {a} in range({b}, {c}):\n    if {a} < {c} <= {b}:\n        break\n",
    "while {a} >= {c}:\n    {a} -= 1\n",
    "if not {a}:\n    raise ValueError({c})\n",
    "try:\n    {b}({a})\nexcept KeyError:\n    raise\n",
    "{b} = {a}.copy()\n",
    "{b} = {a}[:]\n",
    "{b} = copy.deepcopy({a})\n",
    "return {a}\n",
]


@st.composite
def python_programs(draw: st.DrawFn) -> str:
    """A module with one function whose body is built from the templates above."""
    a, b, p = draw(st.lists(names, min_size=3, max_size=3, unique=True))
    # Unique templates: two identical statements would give identical mutants at two sites.
    parts = draw(st.lists(st.sampled_from(TEMPLATES), min_size=1, max_size=6, unique=True))
    body = "".join(t.format(a=a, b=b, c=draw(consts)) for t in parts)
    guard = draw(st.sampled_from(["", f"    if {p} is None:\n        {p} = []\n"]))
    return (
        f"def {b}_fn(self, {a}, {p}=None):\n{guard}"
        + textwrap.indent(body, "    ")
        + f"\nclass K:\n    def m(self):\n{textwrap.indent(body, '        ')}"
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(python_programs())
def test_python_mutants_parse_and_differ(source: str) -> None:
    original = ast.dump(ast.parse(source))
    found = mutants(source, "python")
    for name, site, mutated in found:
        assert mutated != source
        assert ast.dump(ast.parse(mutated)) != original, (name, site)
    total = sum(o.count(source) for o in operators("python"))
    assert len(found) <= total


@settings(max_examples=40, deadline=None)
@given(python_programs())
def test_python_count_matches_distinct_mutants(source: str) -> None:
    for o in operators("python"):
        produced = all_mutants(o, source)
        assert len(produced) == o.count(source)
        assert len({ast.dump(ast.parse(m)) for m in produced}) == len(produced), o.name


# --------------------------------------------------------------------------- rust examples

RUST_CASES: list[tuple[str, str, int, str]] = [
    ("move-instead-of-borrow", "for x in &v {\n}\n", 0, "for x in v {\n}\n"),
    (
        "move-instead-of-borrow",
        "for (i, x) in &self.items {}",
        0,
        "for (i, x) in self.items {}",
    ),
    ("move-instead-of-borrow", "let n = total(&v, &w);", 1, "let n = total(&v, w);"),
    ("move-instead-of-borrow", "out.push_all(&v);", 0, "out.push_all(v);"),
    ("move-instead-of-borrow", "let s: i32 = v.iter().sum();", 0,
     "let s: i32 = v.into_iter().sum();"),
    ("unwrap-none", "let x = v.get(i).copied().unwrap_or(0);", 0,
     "let x = v.get(i).copied().unwrap();"),
    ("unwrap-none", "let x = m.get(k).unwrap_or_else(|| f(a, (b)));", 0,
     "let x = m.get(k).unwrap();"),
    ("unwrap-none", "let x = s.parse::<u8>().unwrap_or_default();", 0,
     "let x = s.parse::<u8>().unwrap();"),
    ("off-by-one", "for i in 0..n {}", 0, "for i in 0..=n {}"),
    ("off-by-one", "let s = &v[lo..=hi];", 0, "let s = &v[lo..hi];"),
    ("off-by-one", "while lo < hi {}", 0, "while lo <= hi {}"),
    ("off-by-one", "if a >= b {}", 0, "if a > b {}"),
    ("off-by-one", "if a <= b && c > d {}", 1, "if a <= b && c >= d {}"),
    (
        "split-atomic",
        "fn f(c: &AtomicUsize) { c.fetch_add(1, Ordering::SeqCst); }",
        0,
        "fn f(c: &AtomicUsize) { c.store(c.load(Ordering::SeqCst) + 1, Ordering::SeqCst); }",
    ),
    (
        "split-atomic",
        "self.hits[i].fetch_sub(n - 1, Relaxed);",
        0,
        "self.hits[i].store(self.hits[i].load(Relaxed) - (n - 1), Relaxed);",
    ),
    (
        "split-atomic",
        "let id = NEXT.fetch_add(1, Ordering::AcqRel);",
        0,
        "let id = { let prev = NEXT.load(Ordering::Acquire); "
        "NEXT.store(prev + 1, Ordering::Release); prev };",
    ),
    (
        "split-atomic",
        "let id = prev.fetch_add(1, o);",
        0,
        "let id = { let prev_ = prev.load(o); prev.store(prev_ + 1, o); prev_ };",
    ),
]


@pytest.mark.parametrize(("name", "before", "site", "after"), RUST_CASES)
def test_rust_example(name: str, before: str, site: int, after: str) -> None:
    assert op("rust", name).apply(before, site) == after


@pytest.mark.parametrize(
    ("name", "source"),
    [
        # types, receivers, &mut, &&, patterns, closures, macros, indexing
        (
            "move-instead-of-borrow",
            "fn f(&self, a: &str, m: HashMap<String, &str>) -> (&str, &T) {}\n"
            "g(&mut v); h(&&x); if let Some(&k) = o {}\n"
            "v.get(0).map(|&x| x); u.fold(0, |acc, &x| acc + x); println!(\"{}\", &v); k(&v[0]);\n"
            "let t: Vec<(&str, u8)> = w; for x in &mut v {} x.y().iter();\n",
        ),
        (
            "off-by-one",
            "let v: Vec<Vec<u8>> = f::<u8>(x); let s = S { a: 1, ..Default::default() };\n"
            "let [a, .., b] = arr; let t = &v[1..]; let u = &v[..n]; f(|x| x -> y); a => b;\n"
            "a<b; x<<2; y >>= 1;\n",
        ),
        ("unwrap-none", "let x = o.unwrap(); let y = o.unwrap_or_fail;"),
        ("split-atomic", "let x = fetch_add(1, o); c.fetch_add(1);"),
        ("move-instead-of-borrow", "// for x in &v { f(&v) }\nlet s = \"for x in &v {\";"),
        ("off-by-one", "/* a < b */ let s = \"0..n\"; let c = '<'; // x >= y\n"),
        ("unwrap-none", "let s = r#\"x.unwrap_or(1)\"#; // .unwrap_or_default()\n"),
    ],
)
def test_rust_no_site(name: str, source: str) -> None:
    assert op("rust", name).count(source) == 0, all_mutants(op("rust", name), source)


def test_rust_site_out_of_range() -> None:
    with pytest.raises(IndexError):
        op("rust", "off-by-one").apply("a < b", 1)


def test_mask_keeps_offsets_and_hides_literals_and_comments() -> None:
    source = (
        "let a = 'x'; fn f<'a>(s: &'a str) {} // c < d\n"
        "/* outer /* inner */ still */ let r = r#\"q\"w\"#; let b = b\"\\\"<\"; x < y"
    )
    masked = mask(source)
    assert len(masked) == len(source)
    assert masked.count("<") == 2  # the generic and `x < y`
    assert "'a str" in masked and "still" not in masked and "q" not in masked
    assert masked.endswith("x < y")


RUST_SNIPPET = src(
    """
    // for x in &items { total(&items) } a < b .unwrap_or(1) 0..n
    pub fn f(items: Vec<u32>, c: &AtomicU32) -> u32 {
        let label = "a < b for x in &items { .unwrap_or(2) } 0..n";
        let mut t = 0;
        for x in &items {
            if *x < 10 { t += x; }
        }
        for i in 0..items.len() { t += items[i]; }
        c.fetch_add(1, Ordering::Relaxed);
        t + total(&items) + items.iter().count() as u32 + label.len() as u32
            + items.get(3).copied().unwrap_or(0)
    }
    """
)


def test_rust_mutants_leave_comments_and_strings_alone() -> None:
    comment, string = RUST_SNIPPET.splitlines()[0], RUST_SNIPPET.splitlines()[2]
    found = mutants(RUST_SNIPPET, "rust")
    assert {name for name, _, _ in found} == set(RUST_OPS)
    for name, site, mutated in found:
        assert mutated != RUST_SNIPPET, (name, site)
        lines = mutated.splitlines()
        assert lines[0] == comment and lines[2] == string, (name, site)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["for x in &v {", "f(&a, &b)", "}", "a < b", "0..n", "..=", "'c'", "'a", "\"", "//",
             "/*", "*/", "r#\"", "\n", " ", ".unwrap_or(", ")", "(", "x.fetch_add(1, o);",
             ".iter()", "[", "]", "::", ".", ",", "&"]
        ),
        max_size=25,
    ).map("".join)
)
def test_rust_operators_total_on_any_text(source: str) -> None:
    """Operators never crash on malformed text; count matches the distinct mutants."""
    assert len(mask(source)) == len(source)
    for o in operators("rust"):
        produced = all_mutants(o, source)
        assert len(set(produced)) == len(produced) == o.count(source), o.name
        assert source not in produced


# --------------------------------------------------------------------------- mutants / inject

MIXED = src(
    """
    def put(self, key, value=None):
        with self._lock:
            if value is None:
                raise KeyError(key)
            for i in range(len(self.slots)):
                self.slots[i] = value
    """
)


def test_mutants_cover_all_sites_in_order() -> None:
    found = mutants(MIXED, "python")
    assert [(n, s) for n, s, _ in found] == [
        ("drop-none-check", 0),
        ("off-by-one", 0),
        ("remove-lock", 0),
        ("swallow-exception", 0),
    ]
    assert mutants("x = 1\n", "python") == []
    assert mutants("", "rust") == []
    assert mutants("x = 1\n", "cobol") == []


def test_mutants_and_inject_skip_no_op_sites(monkeypatch: pytest.MonkeyPatch) -> None:
    """A site whose mutant is the same program (here: only reformatted) is never returned."""
    from generators.faults.python_sites import same_program

    def reformat(source: str, site: int) -> str:
        return ast.unparse(ast.parse(source)) + "\n\n"

    noop = FaultOperator("reformat", "python", ("async",), lambda s: 1, reformat, same_program)
    registry.load_plugins()
    monkeypatch.setitem(registry._REGISTRY, "fault", {"python:reformat": noop})
    source = "x = (1)\n"
    assert noop.apply(source, 0) != source
    assert mutants(source, "python") == []
    assert inject(source, "python", ["async"], 0) is None


def pick(source: str, language: str, weakness: list[str], choice: int) -> tuple[str, int, str]:
    got = inject(source, language, weakness, choice)
    assert got is not None
    return got


def test_inject_is_deterministic_and_prefers_weakness() -> None:
    for choice in range(12):
        first = inject(MIXED, "python", ["concurrency"], choice)
        assert first == inject(MIXED, "python", ["concurrency"], choice)
        assert first is not None and first[0] == "remove-lock"
        got = inject(MIXED, "python", ("null-handling", "concurrency"), choice)
        assert got is not None and got[0] in ("drop-none-check", "remove-lock")
    picked = {pick(MIXED, "python", ["null-handling", "concurrency"], c)[0] for c in range(4)}
    assert picked == {"drop-none-check", "remove-lock"}


def test_inject_falls_back_and_handles_no_sites() -> None:
    fallback = {pick(MIXED, "python", ["async"], c)[0] for c in range(8)}
    assert fallback == {"drop-none-check", "off-by-one", "remove-lock", "swallow-exception"}
    assert inject("x = 1\n", "python", ["null-handling"], 0) is None
    assert inject("let x = 1;", "rust", ["concurrency"], 3) is None
    with pytest.raises(ValueError):
        inject(MIXED, "python", ["concurrency"], -1)


def test_inject_result_is_a_listed_mutant() -> None:
    listed = mutants(RUST_SNIPPET, "rust")
    for choice in range(10):
        got = inject(RUST_SNIPPET, "rust", ["boundaries"], choice)
        assert got is not None and got in listed and got[0] == "off-by-one"
    sites = {pick(RUST_SNIPPET, "rust", ["boundaries"], c)[1] for c in range(10)}
    assert len(sites) > 1


# --------------------------------------------------------------------------- rustc


def _rustc() -> str | None:
    found = shutil.which("rustc")
    if found:
        return found
    rustup = shutil.which("rustup")
    if rustup:
        out = subprocess.run([rustup, "which", "rustc"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    return None


def compile_rust(code: str, tmp_path: Path) -> tuple[int, set[str]]:
    """Compile ``code`` as a library crate; return the exit code and the error codes."""
    rustc = _rustc()
    if rustc is None:
        pytest.skip("rustc not found (neither on PATH nor via rustup)")
    (tmp_path / "lib.rs").write_text(code)
    out = subprocess.run(
        [rustc, "--edition", "2021", "--error-format=json", "--crate-type", "lib",
         "--out-dir", str(tmp_path), str(tmp_path / "lib.rs")],
        capture_output=True, text=True, timeout=120,
    )
    codes = set()
    for line in out.stderr.splitlines():
        if line.startswith("{"):
            diag = json.loads(line)
            if diag.get("level") == "error" and diag.get("code"):
                codes.add(diag["code"]["code"])
    return out.returncode, codes


BORROW = src(
    """
    pub fn sum_and_len(v: Vec<i64>) -> (i64, usize) {
        let mut total = 0;
        for x in &v {
            total += x;
        }
        (total, v.len())
    }
    """
)


def test_move_instead_of_borrow_is_rejected_by_rustc(tmp_path: Path) -> None:
    assert compile_rust(BORROW, tmp_path) == (0, set())
    o = op("rust", "move-instead-of-borrow")
    assert o.count(BORROW) == 1
    mutated = o.apply(BORROW, 0)
    assert "for x in v {" in mutated
    code, errors = compile_rust(mutated, tmp_path)
    assert code != 0
    assert "E0382" in errors


ATOMIC = src(
    """
    use std::sync::atomic::{AtomicUsize, Ordering};
    pub struct C { n: AtomicUsize, slots: Vec<AtomicUsize> }
    impl C {
        pub fn bump(&self) { self.n.fetch_add(1, Ordering::SeqCst); }
        pub fn next(&self) -> usize { self.n.fetch_add(1, Ordering::AcqRel) }
        pub fn take(&self, i: usize) -> usize { self.slots[i].fetch_sub(1, Ordering::Release) + 1 }
        pub fn spin(&self) { while self.n.fetch_add(1, Ordering::Acquire) < 10 {} }
    }
    pub fn clamp(v: &[u8], i: usize) -> u8 {
        let mut t = 0;
        for k in 0..=i { if k < v.len() { t += v.get(k).copied().unwrap_or(0); } }
        t
    }
    """
)


def test_rust_value_preserving_mutants_still_compile(tmp_path: Path) -> None:
    """split-atomic, unwrap-none and off-by-one give code that type-checks (wrong, not broken)."""
    assert compile_rust(ATOMIC, tmp_path) == (0, set())
    for name in ("split-atomic", "unwrap-none", "off-by-one"):
        o = op("rust", name)
        assert o.count(ATOMIC) > 0
        for i, mutated in enumerate(all_mutants(o, ATOMIC)):
            assert compile_rust(mutated, tmp_path) == (0, set()), (name, i, mutated)
