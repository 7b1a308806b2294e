"""Rust concurrency operators: the child must stay exact when many threads share it.

Each appends an item to the parent's ``solution.rs`` (see :mod:`._extend`), with a
sequential ``#[test]`` against a model written differently from the reference,
a stress ``#[test]`` under ``std::thread::scope`` (repeated for about a second,
at least 3 rounds, so a lost update on a loaded machine gets many chances to
show), and a hand-written mutant with the classic mistake.

* ``concurrency/rust-shared-tally`` — per-key totals behind ``&self`` (a
  ``Mutex<HashMap>`` plus an atomic grand total); the mutant reads and writes in
  two separate lock scopes, so concurrent additions are lost.
* ``concurrency/rust-parallel-map`` — a map over contiguous chunks, one scoped
  thread per chunk, whose result must equal the sequential map in order; the
  tests also count the worker threads; the mutant drops the remainder chunk.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation, unique_name
from generators.mutators.rust._extend import applies, extend, rust, taken

AREA = ("concurrency",)

TALLY = r'''
/// Per-key totals shared by many threads through `&self`; no addition is ever lost.
pub struct $ty {
    counts: std::sync::Mutex<std::collections::HashMap<u32, u64>>,
    total: std::sync::atomic::AtomicU64,
}

impl $ty {
    pub fn new() -> Self {
        $ty {
            counts: std::sync::Mutex::new(std::collections::HashMap::new()),
            total: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Adds `n` to `key`'s total; returns that total including `n`.
    pub fn add(&self, key: u32, n: u64) -> u64 {
$add
        self.total.fetch_add(n, std::sync::atomic::Ordering::SeqCst);
        now
    }

    pub fn get(&self, key: u32) -> u64 {
        self.counts.lock().unwrap().get(&key).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.total.load(std::sync::atomic::Ordering::SeqCst)
    }
}
'''
ADD_GOOD = '''\
        let now = {
            let mut counts = self.counts.lock().unwrap();
            let slot = counts.entry(key).or_insert(0);
            *slot += n;
            *slot
        };'''
ADD_BAD = '''\
        let now = self.get(key) + n;
        self.counts.lock().unwrap().insert(key, now);'''

TALLY_TESTS = r'''
#[test]
fn ${low}_matches_model() {
    $rng
    for _ in 0..200 {
        let tally = $ty::new();
        let mut model: Vec<(u32, u64)> = Vec::new();
        for _ in 0..next(12) {
            let key = next(5) as u32;
            let n = next(4);
            let want = match model.iter_mut().find(|e| e.0 == key) {
                Some(e) => {
                    e.1 += n;
                    e.1
                }
                None => {
                    model.push((key, n));
                    n
                }
            };
            assert_eq!(tally.add(key, n), want, "{:?} + ({}, {})", model, key, n);
        }
        for key in 0..6u32 {
            let want: u64 = model.iter().filter(|e| e.0 == key).map(|e| e.1).sum();
            assert_eq!(tally.get(key), want, "key {} of {:?}", key, model);
        }
        assert_eq!(tally.total(), model.iter().map(|e| e.1).sum::<u64>());
    }
}

#[test]
fn ${low}_loses_no_addition_under_threads() {
    let per_thread: u64 = (0..20_000u64).map(|i| 1 + i % 3).sum();
    let want = 2 * per_thread;
    let start = std::time::Instant::now();
    let mut round = 0;
    while round < 3 || start.elapsed() < std::time::Duration::from_millis(1000) {
        let tally = $ty::new();
        let barrier = std::sync::Barrier::new(4);
        let seen: Vec<u64> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4u32)
                .map(|t| {
                    let (tally, barrier) = (&tally, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        let mut most = 0;
                        for i in 0..20_000u64 {
                            most = most.max(tally.add(t % 2, 1 + i % 3));
                        }
                        most
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let got = (tally.get(0), tally.get(1), tally.total(), seen.into_iter().max());
        assert_eq!(got, (want, want, 2 * want, Some(want)), "round {}", round);
        round += 1;
    }
}
'''


SHARED_TALLY_STUB = r'''
            pub struct $ty {}

            impl $ty {
                pub fn new() -> Self {
                    todo!()
                }

                pub fn add(&self, key: u32, n: u64) -> u64 {
                    todo!()
                }

                pub fn get(&self, key: u32) -> u64 {
                    todo!()
                }

                pub fn total(&self) -> u64 {
                    todo!()
                }
            }
            '''


class SharedTally:
    """See the module docstring."""

    name = "concurrency/rust-shared-tally"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        ty = unique_name(rng.choice(("KeyTally", "SharedTotals", "TallyBoard")), taken(parent))
        seed = rng.randrange(1, 2**32)
        v = {"ty": ty, "low": ty.lower(), "seed": seed}
        code = rust(TALLY, add=ADD_GOOD, **v)
        bad = rust(TALLY, add=ADD_BAD, **v)
        stub = rust(SHARED_TALLY_STUB, **v)
        tests = rust(TALLY_TESTS, **v)
        section = (
            f"Add `pub struct {ty}` (it must be `Sync`: many threads share one through "
            f"`&{ty}`, e.g. in `std::thread::scope`) with `pub fn new() -> Self`, `pub fn "
            f"add(&self, key: u32, n: u64) -> u64` (adds `n` to `key`'s total and returns that "
            f"key's total including this addition), `pub fn get(&self, key: u32) -> u64` (the "
            f"key's total; 0 for a key never added) and `pub fn total(&self) -> u64` (the sum "
            f"over all keys). No addition may ever be lost, whatever the interleaving: once all "
            f"threads are joined, every key's total and `total()` are exact, and the largest "
            f"value any `add` returned for a key equals its final total. This type may use "
            f"`std::sync::Mutex` and atomics, whatever the rest of the task allows.")
        return extend(parent, self.name, AREA, {"new": ty, "seed": seed}, section, code, stub,
                      tests, {"separate-lock-scopes": bad})


MAP = r'''
/// `f` applied to every value, on one scoped thread per chunk of
/// ceil(len / threads) values; the results in input order.
$sig {
    let threads = threads.max(1);
    let size = (xs.len() + threads - 1) / threads;
    if size == 0 {
        return Vec::new();
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = xs
            .$chunks(size)
            .map(|part| {
                s.spawn(move || {
                    let mut out = Vec::with_capacity(part.len());
                    for &x in part {
                        out.push(f(x));
                    }
                    out
                })
            })
            .collect();
        let mut all = Vec::with_capacity(xs.len());
        for h in handles {
            all.extend(h.join().unwrap());
        }
        all
    })
}
'''

MAP_TESTS = r'''
#[test]
fn ${fn}_equals_the_sequential_map() {
    $rng
    for _ in 0..150 {
        let len = next(23) as usize;
        let xs: Vec<i64> = (0..len).map(|_| next(2001) as i64 - 1000).collect();
        let threads = next(7) as usize;
        let ids = std::sync::Mutex::new(std::collections::HashSet::new());
        let got = $fn(&xs, threads, |x| {
            ids.lock().unwrap().insert(std::thread::current().id());
            x * $a - $b
        });
        let mut want = Vec::new();
        for i in 0..len {
            want.push(xs[i] * $a - $b);
        }
        assert_eq!(got, want, "{:?} on {} threads", xs, threads);
        let t = if threads == 0 { 1 } else { threads };
        let chunks = if len == 0 { 0 } else { (len + (len + t - 1) / t - 1) / ((len + t - 1) / t) };
        let ids = ids.into_inner().unwrap();
        assert_eq!(ids.len(), chunks, "worker threads for {} values, threads = {}", len, threads);
        assert!(!ids.contains(&std::thread::current().id()), "ran on the calling thread");
    }
}

#[test]
fn ${fn}_edges() {
    let empty: Vec<i64> = Vec::new();
    assert_eq!($fn(&empty, 4, |x| x + 1), Vec::<i64>::new());
    assert_eq!($fn(&[5], 0, |x| x * 2), vec![10]);
    assert_eq!($fn(&[1, 2, 3, 4, 5], 2, |x| -x), vec![-1, -2, -3, -4, -5]);
    assert_eq!($fn(&[1, 2, 3], 8, |x| x * x), vec![1, 4, 9]);
}
'''


class ParallelMap:
    """See the module docstring."""

    name = "concurrency/rust-parallel-map"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = unique_name("parallel_map", taken(parent))
        seed = rng.randrange(1, 2**32)
        a, b = rng.randrange(2, 9), rng.randrange(0, 50)
        sig = (f"pub fn {fn}<F: Fn(i64) -> i64 + Sync>(xs: &[i64], threads: usize, f: F) "
               f"-> Vec<i64>")
        v = {"fn": fn, "sig": sig, "seed": seed, "a": a, "b": b}
        code = rust(MAP, chunks="chunks", **v)
        bad = rust(MAP, chunks="chunks_exact", **v)
        stub = f"{sig} {{\n    todo!()\n}}\n"
        tests = rust(MAP_TESTS, **v)
        section = (
            f"Add `{sig}`: apply `f` to every value of `xs` in parallel and return the "
            f"results in input order (exactly what `xs.iter().map(|&x| f(x)).collect()` "
            f"returns). Treat `threads == 0` as 1. Split `xs` into contiguous chunks of "
            f"`ceil(xs.len() / threads)` values (the last chunk may be shorter, so there are "
            f"at most `threads` chunks) and process each chunk on its own thread started with "
            f"`std::thread::scope` — not on the calling thread; an empty `xs` starts no "
            f"thread. `f` is called exactly once per value.")
        return extend(parent, self.name, AREA, {"new": fn, "seed": seed}, section, code, stub,
                      tests, {"remainder-dropped": bad})


OPERATORS = (SharedTally(), ParallelMap())
