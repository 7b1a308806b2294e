"""Rust borrow-checking operators: the child needs signatures the borrow checker polices.

Each appends a function (or type) with a borrow-heavy signature to the parent's
``solution.rs``, its stub to the workspace, ``#[test]`` functions to
``tests/tests.rs`` (hundreds of generated inputs checked against a model
written differently from the reference) and a hand-written mutant.

* ``borrow-checking/in-place-mut`` — an owned ``Vec`` API becomes ``&mut Vec``:
  clamp in place, return how many values changed.
* ``borrow-checking/return-ref`` — return a reference *into the input*
  (``Option<&'a str>``; the tests check the pointer, so a leaked copy fails).
* ``borrow-checking/mutate-while-iterating`` — merge duplicates of a
  ``&mut Vec`` into their first occurrence while walking it.
* ``borrow-checking/get-or-insert`` — a cache method ``&mut self -> &str``
  that returns the cached value or inserts it (the conditional-return case the
  borrow checker rejects in its naive form).
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation, depth_of, derive
from generators.mutators.rust._extend import applies, tests_file
from generators.mutators.shared.text import fill, fresh, unique_path

AREA = ("borrow-checking",)

RNG = """
    let mut state: u64 = {seed};
    let mut next = move |n: u64| -> u64 {{
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    }};
"""


def _child(parent: Task, operator: str, params: dict[str, object], section: str, code: str,
           stub_code: str, tests: str, bad: str) -> Mutation:
    """Append ``code``/``stub_code``/``tests`` and the mutant ``bad`` to a Rust parent.

    :func:`generators.mutators.rust._extend.extend` with one difference kept on purpose:
    the mutant is named ``<operator slug>-bad`` (numbered when a grandchild already has
    one), as these operators' children have always been recorded."""
    entry = parent.entry_point
    path = tests_file(parent) or "tests.rs"

    def plus(text: str, more: str) -> str:
        return text.rstrip("\n") + "\n\n" + more

    reference = {**parent.reference, entry: plus(parent.reference[entry], code)}
    workspace = dict(parent.workspace)
    if entry in workspace:
        workspace[entry] = plus(workspace[entry], stub_code)
    mutants = {}
    for name, files in parent.mutants.items():
        mutants[name] = {**files, entry: plus(files[entry], code)} if entry in files else files
    slug = operator.split("/")[-1]
    mutants[unique_path({k: "" for k in mutants}, f"{slug}-bad")] = {
        entry: plus(parent.reference[entry], bad)}
    depth = depth_of(parent) + 1
    all_tests = {**parent.tests, path: plus(parent.tests[path], tests)}
    prompt = (parent.prompt.rstrip("\n") + f"\n\n## Additional requirement ({depth})\n\n"
              + section.strip() + "\n")
    return derive(parent, operator, params, prompt=prompt, workspace=workspace,
                  reference=reference, tests=all_tests, mutants=mutants, weakness=AREA)


IN_PLACE_MUT_CODE = '''
/// Clamps every value into `lo..=hi` in place; returns how many values changed.
${sig} {
    let mut changed = 0;
    for v in values.iter_mut() {
        let c = (*v).max(lo).min(hi);
        if c != *v {
            *v = c;
            changed += 1;
        }
    }
    changed
}
'''

IN_PLACE_MUT_TESTS = '''
            #[test]
            fn ${fn}_matches_model() {
            ${rng}
                for _ in 0..500 {
                    let len = next(9) as usize;
                    let original: Vec<i64> = (0..len).map(|_| next(21) as i64 - 10).collect();
                    let a = next(21) as i64 - 10;
                    let b = next(21) as i64 - 10;
                    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                    let mut values = original.clone();
                    let changed = ${fn}(&mut values, lo, hi);
                    let want: Vec<i64> = original.iter()
                        .map(|&x| if x < lo { lo } else if x > hi { hi } else { x })
                        .collect();
                    assert_eq!(values, want, "{:?} into {}..={}", original, lo, hi);
                    let moved = original.iter().filter(|&&x| x < lo || x > hi).count();
                    assert_eq!(changed, moved);
                }
            }

            #[test]
            fn ${fn}_keeps_the_caller_s_vector() {
                let mut values = vec![5, -7, 3];
                let capacity = values.capacity();
                assert_eq!(${fn}(&mut values, -5, 4), 2);
                assert_eq!(values, vec![4, -5, 3]);
                assert_eq!(values.capacity(), capacity);
                let mut empty: Vec<i64> = Vec::new();
                assert_eq!(${fn}(&mut empty, 0, 0), 0);
            }
            '''


class InPlaceMut:
    """See the module docstring."""

    name = "borrow-checking/in-place-mut"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = fresh(parent, "clamp_in_place")
        seed = rng.randrange(1, 2**32)
        sig = f"pub fn {fn}(values: &mut Vec<i64>, lo: i64, hi: i64) -> usize"
        code = fill(IN_PLACE_MUT_CODE, sig=sig)
        bad = code.replace("if c != *v {", "if c != *v || *v == hi {")
        stub_code = f"{sig} {{\n    todo!()\n}}\n"
        tests = fill(IN_PLACE_MUT_TESTS, fn=fn, rng=RNG.format(seed=seed))
        section = (f"Add `{sig}`: the caller owns the vector and keeps using it, so take it "
                   f"by mutable reference (no clone, no new vector): clamp every value into "
                   f"`lo..=hi` (`lo <= hi`) in place and return how many values changed.")
        return _child(parent, self.name, {"new": fn, "seed": seed}, section, code, stub_code,
                      tests, bad)


RETURN_REF_CODE = '''
/// The first of the longest words with at least `min_len` bytes, borrowed from `words`.
${sig} {
    let mut best: Option<&'a str> = None;
    for w in words {
        if w.len() >= min_len && best.map_or(true, |b| w.len() > b.len()) {
            best = Some(w.as_str());
        }
    }
    best
}
'''

RETURN_REF_TESTS = '''
            #[test]
            fn ${fn}_borrows_the_first_longest() {
            ${rng}
                let pool = ["a", "bb", "cc", "ddd", "", "eee", "f"];
                for _ in 0..500 {
                    let len = next(7) as usize;
                    let words: Vec<String> =
                        (0..len).map(|_| pool[next(7) as usize].to_string()).collect();
                    let min_len = next(5) as usize;
                    let got = ${fn}(&words, min_len);
                    let mut want: Option<usize> = None;
                    for (i, w) in words.iter().enumerate() {
                        if w.len() < min_len {
                            continue;
                        }
                        match want {
                            Some(j) if words[j].len() >= w.len() => {}
                            _ => want = Some(i),
                        }
                    }
                    match (got, want) {
                        (None, None) => {}
                        (Some(g), Some(i)) => {
                            assert!(std::ptr::eq(g.as_ptr(), words[i].as_ptr()),
                                    "{:?} min {}: not word {}", words, min_len, i);
                            assert_eq!(g.len(), words[i].len());
                        }
                        (g, w) => panic!("{:?} min {}: got {:?}, want index {:?}",
                                         words, min_len, g, w),
                    }
                }
            }
            '''


class ReturnRef:
    """See the module docstring."""

    name = "borrow-checking/return-ref"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = fresh(parent, "longest_word")
        seed = rng.randrange(1, 2**32)
        sig = f"pub fn {fn}<'a>(words: &'a [String], min_len: usize) -> Option<&'a str>"
        code = fill(RETURN_REF_CODE, sig=sig)
        bad = code.replace("w.len() > b.len()", "w.len() >= b.len()")
        stub_code = f"{sig} {{\n    todo!()\n}}\n"
        tests = fill(RETURN_REF_TESTS, fn=fn, rng=RNG.format(seed=seed))
        section = (f"Add `{sig}`: among the words with at least `min_len` bytes, return the "
                   f"longest (the first one on ties) as a `&str` borrowed from `words` itself "
                   f"— no copy, no leak; `None` when no word qualifies.")
        return _child(parent, self.name, {"new": fn, "seed": seed}, section, code, stub_code,
                      tests, bad)


MUTATE_WHILE_ITERATING_CODE = '''
/// Merges every later duplicate into the first occurrence of its value (summing).
${sig} {
    let mut first: std::collections::HashMap<i64, usize> =
        std::collections::HashMap::new();
    let mut kept: Vec<i64> = Vec::with_capacity(values.len());
    for v in values.drain(..) {
        match first.get(&v) {
            Some(&at) => kept[at] += v,
            None => {
                first.insert(v, kept.len());
                kept.push(v);
            }
        }
    }
    *values = kept;
}
'''

MUTATE_WHILE_ITERATING_TESTS = '''
            #[test]
            fn ${fn}_matches_model() {
            ${rng}
                for _ in 0..500 {
                    let len = next(10) as usize;
                    let original: Vec<i64> = (0..len).map(|_| next(7) as i64 - 3).collect();
                    let mut values = original.clone();
                    ${fn}(&mut values);
                    let mut keys: Vec<i64> = Vec::new();
                    let mut sums: Vec<i64> = Vec::new();
                    for &x in &original {
                        match keys.iter().position(|&k| k == x) {
                            Some(i) => sums[i] += x,
                            None => {
                                keys.push(x);
                                sums.push(x);
                            }
                        }
                    }
                    assert_eq!(values, sums, "{:?}", original);
                }
            }

            #[test]
            fn ${fn}_example() {
                let mut v = vec![3, 1, 3, 2, 1, 3];
                ${fn}(&mut v);
                assert_eq!(v, vec![9, 2, 2]);
                let mut empty: Vec<i64> = vec![];
                ${fn}(&mut empty);
                assert!(empty.is_empty());
            }
            '''


class MutateWhileIterating:
    """See the module docstring."""

    name = "borrow-checking/mutate-while-iterating"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = fresh(parent, "merge_duplicates")
        seed = rng.randrange(1, 2**32)
        sig = f"pub fn {fn}(values: &mut Vec<i64>)"
        code = fill(MUTATE_WHILE_ITERATING_CODE, sig=sig)
        bad = code.replace("Some(&at) => kept[at] += v,", "Some(&at) => kept[at] = v,")
        stub_code = f"{sig} {{\n    todo!()\n}}\n"
        tests = fill(MUTATE_WHILE_ITERATING_TESTS, fn=fn, rng=RNG.format(seed=seed))
        section = (f"Add `{sig}`: walk the caller's vector and merge every later occurrence "
                   f"of a value into the first occurrence of that (original) value, which "
                   f"becomes their sum; the merged elements disappear, the rest keep their "
                   f"order. Example: `[3, 1, 3, 2, 1, 3]` becomes `[9, 2, 2]`. Modify "
                   f"`values` itself.")
        return _child(parent, self.name, {"new": fn, "seed": seed}, section, code, stub_code,
                      tests, bad)


GET_OR_INSERT_CODE = '''
/// Labels computed once per key and then borrowed from the cache.
pub struct ${ty} {
    labels: std::collections::HashMap<u64, String>,
    computed: usize,
}

impl ${ty} {
    pub fn new() -> Self {
        ${ty} { labels: std::collections::HashMap::new(), computed: 0 }
    }

    /// The label of `key` (`"${prefix}-"` + the key's digits reversed).
    pub fn get(&mut self, key: u64) -> &str {
        if !self.labels.contains_key(&key) {
            let digits: String = key.to_string().chars().rev().collect();
            self.labels.insert(key, format!("${prefix}-{}", digits));
            self.computed += 1;
        }
        &self.labels[&key]
    }

    pub fn computed(&self) -> usize {
        self.computed
    }
}
'''

GET_OR_INSERT_STUB = '''
pub struct ${ty} {}

impl ${ty} {
    pub fn new() -> Self {
        todo!()
    }

    pub fn get(&mut self, key: u64) -> &str {
        todo!()
    }

    pub fn computed(&self) -> usize {
        todo!()
    }
}
'''

GET_OR_INSERT_TESTS = '''
            #[test]
            fn ${ty_lower}_computes_each_key_once() {
            ${rng}
                let mut cache = ${ty}::new();
                let mut seen: Vec<u64> = Vec::new();
                for _ in 0..400 {
                    let key = next(40) * 37;
                    let digits: String = key.to_string().chars().rev().collect();
                    let want = format!("${prefix}-{}", digits);
                    let got = cache.get(key);
                    assert_eq!(got, want);
                    let first = got.as_ptr();
                    assert!(std::ptr::eq(cache.get(key).as_ptr(), first));
                    if !seen.contains(&key) {
                        seen.push(key);
                    }
                    assert_eq!(cache.computed(), seen.len());
                }
            }
            '''


class GetOrInsert:
    """See the module docstring."""

    name = "borrow-checking/get-or-insert"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        ty = fresh(parent, "LabelCache")
        prefix = rng.choice(("id", "key", "n", "v"))
        seed = rng.randrange(1, 2**32)
        code = fill(GET_OR_INSERT_CODE, ty=ty, prefix=prefix)
        bad = code.replace("if !self.labels.contains_key(&key) {", "if true {")
        stub_code = fill(GET_OR_INSERT_STUB, ty=ty)
        tests = fill(GET_OR_INSERT_TESTS, ty_lower=ty.lower(), rng=RNG.format(seed=seed), ty=ty,
                     prefix=prefix)
        section = (f"Add `pub struct {ty}` with `pub fn new() -> Self`, `pub fn get(&mut self, "
                   f"key: u64) -> &str` and `pub fn computed(&self) -> usize`. `get` returns "
                   f"the label of `key`, `\"{prefix}-\"` followed by the decimal digits of "
                   f"`key` reversed (`120` -> `\"{prefix}-021\"`), borrowed from the cache: "
                   f"computed and stored on the first request of a key, and the same stored "
                   f"string afterwards. `computed` counts the labels computed so far.")
        return _child(parent, self.name, {"new": ty, "seed": seed}, section, code, stub_code,
                      tests, bad)


OPERATORS = (InPlaceMut(), ReturnRef(), MutateWhileIterating(), GetOrInsert())
