"""Rust boundary operators: the child must be exact at the ends of ranges and types.

Each appends a function to the parent's ``solution.rs`` (see :mod:`._extend`), with
``#[test]`` functions checking hundreds of generated inputs — biased toward the
edges: empty slices, endpoints just inside and outside, ``usize::MAX``,
``i64::MAX``/``MIN`` — against a model computed another way (``u128``/``i128``
arithmetic, index filters), and hand-written mutants with the classic mistakes.
The tests run in a debug build, where integer overflow panics.

* ``boundaries/rust-clipped-window`` — ``xs[start..start + len]`` clipped to the
  slice, borrowed from it; mutants: ``start + len`` overflowing, ``start`` not
  clipped (panics past the end).
* ``boundaries/rust-inclusive-sum`` — the sum over an *inclusive* index range
  ``lo..=hi`` clipped to the slice, ``None`` on ``lo > hi`` or any i64 overflow;
  mutants: an exclusive upper end, an unchecked ``+=``.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation, unique_name
from generators.mutators.rust._extend import applies, extend, rust, taken

AREA = ("boundaries",)

WINDOW = r'''
/// `xs[start..start + len]` clipped to the slice; never panics.
$sig {
    let begin = $begin;
    let end = $end.min(xs.len());
    &xs[begin..end]
}
'''

WINDOW_TESTS = r'''
#[test]
fn ${fn}_matches_model() {
    $rng
    for _ in 0..600 {
        let n = next(8) as usize;
        let xs: Vec<i64> = (0..n).map(|_| next(100) as i64 - 50).collect();
        let start = match next(6) {
            0 => usize::MAX - next(2) as usize,
            1 => n,
            2 => n + 1,
            _ => next(9) as usize,
        };
        let len = match next(5) {
            0 => usize::MAX - next(3) as usize,
            1 => 0,
            _ => next(9) as usize,
        };
        let got = $fn(&xs, start, len);
        let stop = start as u128 + len as u128;
        let want: Vec<i64> =
            (0..n).filter(|&i| i >= start && (i as u128) < stop).map(|i| xs[i]).collect();
        assert_eq!(got, &want[..], "{:?} from {} len {}", xs, start, len);
        if !want.is_empty() {
            assert!(std::ptr::eq(got.as_ptr(), &xs[start]), "not borrowed from xs");
        }
    }
}

#[test]
fn ${fn}_edges() {
    let xs = [1i64, 2, 3, 4];
    assert_eq!($fn(&xs, 1, 2), &[2, 3]);
    assert_eq!($fn(&xs, 3, 1), &[4]);
    assert_eq!($fn(&xs, 3, usize::MAX), &[4]);
    assert_eq!($fn(&xs, 0, 4), &xs[..]);
    assert!($fn(&xs, 4, 1).is_empty());
    assert!($fn(&xs, 5, 0).is_empty());
    assert!($fn(&xs, usize::MAX, usize::MAX).is_empty());
    assert!($fn(&[], 0, 3).is_empty());
}
'''


class ClippedWindow:
    """See the module docstring."""

    name = "boundaries/rust-clipped-window"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = unique_name(rng.choice(("window_at", "clipped_window", "slice_window")),
                         taken(parent))
        seed = rng.randrange(1, 2**32)
        sig = f"pub fn {fn}(xs: &[i64], start: usize, len: usize) -> &[i64]"
        v = {"fn": fn, "sig": sig, "seed": seed}
        clip, sat = "start.min(xs.len())", "start.saturating_add(len)"
        code = rust(WINDOW, begin=clip, end=sat, **v)
        bad = {"overflowing-end": rust(WINDOW, begin=clip, end="(start + len)", **v),
               "start-not-clipped": rust(WINDOW, begin="start", end=sat, **v)}
        stub = f"{sig} {{\n    todo!()\n}}\n"
        tests = rust(WINDOW_TESTS, **v)
        section = (
            f"Add `{sig}`: the part of `xs` from index `start` for `len` values, clipped to "
            f"the slice and borrowed from it (no copy) — the elements at the indices `i` with "
            f"`start <= i`, `i < start + len` (in exact arithmetic) and `i < xs.len()`. It is "
            f"empty when `start >= xs.len()` or `len == 0`, and it must never panic, also for "
            f"`start` or `len` up to `usize::MAX`. Example: for `xs = [1, 2, 3, 4]`, "
            f"`{fn}(&xs, 1, 2) == [2, 3]`, `{fn}(&xs, 3, usize::MAX) == [4]`, "
            f"`{fn}(&xs, 5, 1) == []`.")
        return extend(parent, self.name, AREA, {"new": fn, "seed": seed}, section, code, stub,
                      tests, bad)


SUM = r'''
/// Sum of `xs[lo..=hi]` (clipped to the slice), None on `lo > hi` or overflow.
$sig {
    if lo > hi {
        return None;
    }
    let end = $end.min(xs.len());
    let mut total: i64 = 0;
    for i in lo..end {
        $add
    }
    Some(total)
}
'''

SUM_TESTS = r'''
#[test]
fn ${fn}_matches_model() {
    $rng
    for _ in 0..600 {
        let n = next(7) as usize;
        let xs: Vec<i64> = (0..n)
            .map(|_| match next(6) {
                0 => i64::MAX - next(3) as i64,
                1 => i64::MIN + next(3) as i64,
                _ => next(41) as i64 - 20,
            })
            .collect();
        let lo = next(9) as usize;
        let hi = match next(6) {
            0 => usize::MAX,
            1 => lo,
            _ => next(9) as usize,
        };
        let mut want: Option<i64> = if lo > hi { None } else { Some(0) };
        let mut exact: i128 = 0;
        for (i, &x) in xs.iter().enumerate() {
            if want.is_none() || i < lo || i > hi {
                continue;
            }
            exact += x as i128;
            want = if exact > i64::MAX as i128 || exact < i64::MIN as i128 {
                None
            } else {
                Some(exact as i64)
            };
        }
        assert_eq!($fn(&xs, lo, hi), want, "{:?} [{}, {}]", xs, lo, hi);
    }
}

#[test]
fn ${fn}_edges() {
    assert_eq!($fn(&[], 0, 0), Some(0));
    assert_eq!($fn(&[7], 0, 0), Some(7));
    assert_eq!($fn(&[7, 8], 1, 0), None);
    assert_eq!($fn(&[1, 2, 3], 1, 2), Some(5));
    assert_eq!($fn(&[1, 2, 3], 2, usize::MAX), Some(3));
    assert_eq!($fn(&[1, 2, 3], 3, 9), Some(0));
    assert_eq!($fn(&[i64::MAX, 1, -1], 0, 2), None);
    assert_eq!($fn(&[i64::MAX, -1, 1], 0, 2), Some(i64::MAX));
    assert_eq!($fn(&[i64::MIN, -1], 0, 1), None);
}
'''


class InclusiveSum:
    """See the module docstring."""

    name = "boundaries/rust-inclusive-sum"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = unique_name(rng.choice(("sum_between", "range_total", "inclusive_sum")),
                         taken(parent))
        seed = rng.randrange(1, 2**32)
        sig = f"pub fn {fn}(xs: &[i64], lo: usize, hi: usize) -> Option<i64>"
        v = {"fn": fn, "sig": sig, "seed": seed}
        end, add = "hi.saturating_add(1)", "total = total.checked_add(xs[i])?;"
        code = rust(SUM, end=end, add=add, **v)
        bad = {"exclusive-hi": rust(SUM, end="hi", add=add, **v),
               "unchecked-add": rust(SUM, end=end, add="total += xs[i];", **v)}
        stub = f"{sig} {{\n    todo!()\n}}\n"
        tests = rust(SUM_TESTS, **v)
        section = (
            f"Add `{sig}`: the sum of `xs[i]` over the indices `i` with `lo <= i <= hi` "
            f"(both ends included) and `i < xs.len()` (indices past the end are ignored), "
            f"added from left to right in `i64`. Return `None` when `lo > hi`, or when any "
            f"partial sum along the way does not fit in an `i64`; an empty selection sums to "
            f"`Some(0)`. It must never panic, also for `hi == usize::MAX`. Examples: "
            f"`{fn}(&[1, 2, 3], 1, 2) == Some(5)`, `{fn}(&[7, 8], 1, 0) == None`, "
            f"`{fn}(&[i64::MAX, 1, -1], 0, 2) == None`.")
        return extend(parent, self.name, AREA, {"new": fn, "seed": seed}, section, code, stub,
                      tests, bad)


OPERATORS = (ClippedWindow(), InclusiveSum())
