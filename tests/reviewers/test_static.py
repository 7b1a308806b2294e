"""The static reviewer: AST checks, ruff, Rust textual checks and sandboxed clippy."""

from __future__ import annotations

from codecanary.types import Attempt, Finding, Task
from reviewers import pychecks, rustchecks
from reviewers.static import StaticReviewer, ruff, ruff_many
from sandbox.bwrap import BwrapSandbox

LOCKED = '''\
import threading


class Account:
    def __init__(self):
        self._lock = threading.Lock()
        self.balance = 0
        self.log = []

    def deposit(self, n):
        with self._lock:
            self.balance += n
            self.log.append(n)

    def peek(self):
        return self.balance
'''


def _flags(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.category, int(f.location.rsplit(":", 1)[1])) for f in findings
            if f.severity != "info"]


def test_locked_class_is_clean_and_unlocked_mutation_is_flagged() -> None:
    assert pychecks.check_source(LOCKED, "a.py") == []
    racy = LOCKED.replace("        with self._lock:\n            self.balance += n\n"
                          "            self.log.append(n)\n",
                          "        self.balance += n\n        with self._lock:\n"
                          "            self.log.append(n)\n")
    found = pychecks.check_source(racy, "a.py")
    assert _flags(found) == [("concurrency", 11)]
    assert found[0].location == "a.py:11" and "outside `with` the lock" in found[0].text


def test_module_level_lock_and_global() -> None:
    src = ("import threading\n_lock = threading.Lock()\ncount = 0\n\n\ndef bump():\n"
           "    global count\n    count += 1\n")
    assert _flags(pychecks.check_source(src, "m.py")) == [("concurrency", 8)]
    ok = src.replace("    count += 1\n", "    with _lock:\n        count += 1\n")
    assert pychecks.check_source(ok, "m.py") == []


def test_optional_used_without_none_check() -> None:
    bad = ("def name(user: dict | None) -> str:\n    return user['name']\n\n\n"
           "def first(d):\n    v = d.get('k')\n    return v.strip()\n")
    assert _flags(pychecks.check_source(bad, "s.py")) == [
        ("null-handling", 2), ("null-handling", 7)]
    good = ("def name(user: dict | None = None) -> str:\n    if user is None:\n"
            "        return ''\n    return user['name']\n\n\n"
            "def first(d):\n    v = d.get('k')\n    return v.strip() if v else ''\n")
    assert pychecks.check_source(good, "s.py") == []


def test_broad_except_mutable_default_and_none_return() -> None:
    src = ("def f(xs=[]):\n    try:\n        return xs[0]\n    except Exception:\n"
           "        pass\n\n\ndef g(x) -> int:\n    if x:\n        return 1\n    return None\n"
           "\n\ndef h():\n    try:\n        pass\n    except Exception:\n        raise\n")
    assert sorted(_flags(pychecks.check_source(src, "s.py"))) == [
        ("error-handling", 4), ("error-handling", 11), ("state-management", 1)]
    assert _flags(pychecks.check_source("def f(:\n", "s.py")) == [("correctness", 1)]


def test_ruff_runs_on_a_copy_and_maps_rules_to_areas() -> None:
    found, note = ruff({"pkg/s.py": "def f(x=[]):\n    return undefined_name\n"})
    assert note is None
    by_code = {f.text.split(":")[0]: f for f in found}
    assert by_code["B006"].category == "state-management"
    assert by_code["B006"].location == "pkg/s.py:1"
    assert by_code["F821"].category == "correctness" and by_code["F821"].severity == "error"


def test_one_ruff_run_for_a_round_gives_each_answer_its_own_findings(
        review_tasks: dict[str, Task]) -> None:
    answers = [{"s.py": "def f(x=[]):\n    return x\n"}, {"notes.txt": "no python"},
               {"s.py": "def g():\n    return undefined_name\n", "lib/u.py": "import os\n"},
               {"s.py": "def h(x):\n    return x\n"}]
    batch = ruff_many(answers)
    assert batch == [ruff(files) for files in answers]  # the same as one run per answer
    codes = [sorted(f.text.split(":")[0] + "@" + f.location for f in found) for found, _ in batch]
    assert codes == [["B006@s.py:1"], [], ["F401@lib/u.py:1", "F821@s.py:2"], []]
    reviewer = StaticReviewer(use_clippy=False)
    task = next(t for t in review_tasks.values() if t.language == "python")
    attempts = [Attempt(task.id, "t", "v", i, files) for i, files in enumerate(answers)]
    reviewer.prepare(attempts)
    assert len(reviewer._ruff) == 4
    reviews = [reviewer.review(task, a).review for a in attempts]
    assert not reviewer._ruff  # every prepared result was used once
    undefined = [[f.location for f in r.findings if f.text.startswith("F821")] for r in reviews]
    assert undefined == [[], [], ["s.py:2"], []]


def test_rust_textual_checks_skip_comments_strings_and_lock_unwraps() -> None:
    src = ('use std::sync::atomic::{AtomicUsize, Ordering};\n'
           'pub fn f(v: &[u32], m: &std::sync::Mutex<u32>, c: &AtomicUsize) -> u32 {\n'
           '    // v.first().unwrap() in a comment\n'
           '    let s = "x.unwrap()";\n'
           '    let g = m.lock().unwrap();\n'
           '    c.store(c.load(Ordering::SeqCst) + 1, Ordering::SeqCst);\n'
           '    let p = unsafe { *v.as_ptr() };\n'
           '    *g + p + v.first().copied().unwrap() + s.len() as u32\n'
           '}\n')
    got = sorted((f.category, int(f.location.rsplit(":", 1)[1]), f.severity)
                 for f in rustchecks.textual(src, "solution.rs"))
    assert got == [("concurrency", 6, "error"), ("null-handling", 8, "warning"),
                   ("security", 7, "warning")]


def test_clippy_runs_in_the_sandbox_and_reports_borrow_errors(
        sandbox: BwrapSandbox, review_tasks: dict[str, Task]) -> None:
    task = review_tasks["word-lengths"]
    ref = task.reference["solution.rs"]
    clean, note = rustchecks.clippy(sandbox, {"solution.rs": ref}, "solution.rs")
    assert note is None and not [f for f in clean if f.severity != "info"]
    moved = ref.replace("for w in &words", "for w in words")
    found, note = rustchecks.clippy(sandbox, {"solution.rs": moved}, "solution.rs")
    assert note is None
    borrow = [f for f in found if f.category == "borrow-checking"]
    assert borrow and borrow[0].severity == "error" and "E0382" in borrow[0].text
    assert borrow[0].location.startswith("solution.rs:")


def test_reviewer_on_reference_is_clean_and_on_rust_fault_flags(
        sandbox: BwrapSandbox, review_tasks: dict[str, Task]) -> None:
    reviewer = StaticReviewer(sandbox)
    for task in review_tasks.values():
        out = reviewer.review(task, Attempt(task.id, "t", "v", 0, dict(task.reference)))
        assert out.rejected is None
        assert not [f for f in out.review.findings if f.severity != "info"], task.name
    task = review_tasks["word-lengths"]
    moved = task.reference["solution.rs"].replace(".iter()", ".into_iter()")
    out = reviewer.review(task, Attempt(task.id, "t", "v", 0, {"solution.rs": moved}))
    assert any(f.category == "borrow-checking" for f in out.review.findings)
    no_sandbox = StaticReviewer(None).review(task, Attempt(task.id, "t", "v", 0, {
        "solution.rs": moved}))
    assert any("clippy skipped" in f.text for f in no_sandbox.review.findings)
