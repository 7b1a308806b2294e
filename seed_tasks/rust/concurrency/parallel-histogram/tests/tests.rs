use crate::solution::*;
use std::collections::HashMap;
use std::sync::{Arc, Barrier, Mutex, MutexGuard};
use std::thread;

/// Tests that start threads take this lock first, so that the test harness
/// (which runs tests in parallel) never has more than one of them running:
/// the thread count stays bounded and each stress test gets the machine.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

const THREADS: usize = 8;
const PER_THREAD: usize = 20_000;

/// Runs `work(thread_index)` on `threads` scoped threads that all start at the
/// same moment (after a barrier), and returns their results in thread order.
fn hammer<R, F>(threads: usize, work: F) -> Vec<R>
where
    R: Send,
    F: Fn(usize) -> R + Sync,
{
    let barrier = Barrier::new(threads);
    thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let barrier = &barrier;
                let work = &work;
                s.spawn(move || {
                    barrier.wait();
                    work(t)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

/// Like `hammer`, but every thread keeps calling `step(thread_index)` in
/// batches of 1000 until `millis` have passed, so that the threads overlap in
/// time even on a busy machine. Returns how many steps each thread did.
fn hammer_for<F>(threads: usize, millis: u64, step: F) -> Vec<usize>
where
    F: Fn(usize) + Sync,
{
    let limit = std::time::Duration::from_millis(millis);
    hammer(threads, |t| {
        let start = std::time::Instant::now();
        let mut done = 0usize;
        while start.elapsed() < limit {
            for _ in 0..1000 {
                step(t);
            }
            done += 1000;
        }
        done
    })
}

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn types_are_send_and_sync() {
    assert_send_sync::<HitCounter>();
    assert_send_sync::<Histogram>();
}

#[test]
fn hit_counter_sequential() {
    let c = HitCounter::new();
    assert_eq!(c.get(), 0);
    assert_eq!(c.hit(), 0);
    assert_eq!(c.hit(), 1);
    assert_eq!(c.hit_many(5), 2);
    assert_eq!(c.hit_many(0), 7);
    assert_eq!(c.get(), 7);
    assert_eq!(c.hit(), 7);
    assert_eq!(c.get(), 8);
}

#[test]
fn hit_counter_loses_no_updates() {
    let _serial = serial();
    for _round in 0..2 {
        let counter = HitCounter::new();
        let done = hammer_for(THREADS, 250, |_| {
            counter.hit();
        });
        assert_eq!(counter.get(), done.iter().sum::<usize>(), "lost updates");
    }
}

#[test]
fn hit_many_loses_no_updates() {
    let _serial = serial();
    for _round in 0..2 {
        let counter = HitCounter::new();
        let done = hammer_for(THREADS, 250, |t| {
            counter.hit_many(t + 1);
        });
        let expected: usize = done.iter().enumerate().map(|(t, n)| n * (t + 1)).sum();
        assert_eq!(counter.get(), expected, "lost updates");
    }
}

#[test]
fn hit_counter_tickets_are_unique_under_contention() {
    let _serial = serial();
    for _round in 0..3 {
        let counter = HitCounter::new();
        let mut tickets: Vec<usize> = hammer(THREADS, |_| {
            (0..PER_THREAD).map(|_| counter.hit()).collect::<Vec<usize>>()
        })
        .into_iter()
        .flatten()
        .collect();
        assert_eq!(counter.get(), THREADS * PER_THREAD);
        tickets.sort_unstable();
        let expected: Vec<usize> = (0..THREADS * PER_THREAD).collect();
        assert!(tickets == expected, "duplicate or missing tickets");
    }
}

#[test]
fn hit_counter_shared_through_arc() {
    let _serial = serial();
    let counter = Arc::new(HitCounter::new());
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            let counter = Arc::clone(&counter);
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                barrier.wait();
                let mut mine = 0usize;
                for k in 0..PER_THREAD {
                    if (i + k) % 4 == 0 {
                        counter.hit_many(3);
                        mine += 3;
                    } else {
                        counter.hit();
                        mine += 1;
                    }
                }
                mine
            })
        })
        .collect();
    let expected: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(counter.get(), expected);
}

#[test]
fn hit_many_is_atomic_under_contention() {
    let _serial = serial();
    for _round in 0..2 {
        let counter = HitCounter::new();
        // thread t always adds t % 3 + 1; each thread remembers the values it got back
        let limit = std::time::Duration::from_millis(200);
        let per_thread: Vec<Vec<usize>> = hammer(THREADS, |t| {
            let begin = std::time::Instant::now();
            let mut starts = Vec::new();
            while begin.elapsed() < limit && starts.len() < 100_000 {
                for _ in 0..100 {
                    starts.push(counter.hit_many(t % 3 + 1));
                }
            }
            starts
        });
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for (t, starts) in per_thread.iter().enumerate() {
            for &s in starts {
                ranges.push((s, t % 3 + 1));
            }
        }
        ranges.sort_unstable();
        let mut next = 0usize;
        for &(s, n) in ranges.iter() {
            assert_eq!(s, next, "hit_many ranges overlap or leave gaps");
            next = s + n;
        }
        assert_eq!(counter.get(), next);
    }
}

#[test]
fn histogram_bucket_boundaries() {
    let h = Histogram::new(10, 3);
    for v in [0u64, 9, 10, 19, 20, 29, 30, 31, 1000, u64::MAX] {
        h.record(v);
    }
    assert_eq!(h.counts(), vec![2, 2, 2]);
    assert_eq!(h.overflow(), 4);
    assert_eq!(h.total(), 10);

    let one = Histogram::new(1, 1);
    one.record(0);
    one.record(1);
    assert_eq!(one.counts(), vec![1]);
    assert_eq!(one.overflow(), 1);

    let wide = Histogram::new(u64::MAX, 2);
    wide.record(u64::MAX - 1);
    wide.record(u64::MAX);
    assert_eq!(wide.counts(), vec![1, 1]);
    assert_eq!(wide.overflow(), 0);

    let fresh = Histogram::new(5, 4);
    assert_eq!(fresh.counts(), vec![0, 0, 0, 0]);
    assert_eq!(fresh.total(), 0);
}

#[test]
#[should_panic]
fn histogram_zero_width_panics() {
    let _ = Histogram::new(0, 3);
}

#[test]
#[should_panic]
fn histogram_zero_buckets_panics() {
    let _ = Histogram::new(3, 0);
}

#[test]
fn histogram_concurrent_records_are_exact() {
    let _serial = serial();
    let width = 4u64;
    let buckets = 5usize;
    let span = width * buckets as u64 + 4; // the last 4 values overflow
    for _round in 0..3 {
        let h = Histogram::new(width, buckets);
        hammer(THREADS, |t| {
            for k in 0..PER_THREAD {
                h.record(((t + k) as u64) % span);
            }
        });
        let mut expected = vec![0usize; buckets];
        let mut overflow = 0usize;
        for t in 0..THREADS {
            for k in 0..PER_THREAD {
                let v = ((t + k) as u64) % span;
                if v < width * buckets as u64 {
                    expected[(v / width) as usize] += 1;
                } else {
                    overflow += 1;
                }
            }
        }
        assert_eq!(h.counts(), expected);
        assert_eq!(h.overflow(), overflow);
        assert_eq!(h.total(), THREADS * PER_THREAD);
    }
}

#[test]
fn histogram_loses_no_updates() {
    let _serial = serial();
    for _round in 0..3 {
        let h = Histogram::new(100, 2);
        // every thread hammers both buckets and the overflow counter
        let done = hammer_for(THREADS, 200, |t| {
            h.record(7 + t as u64);
            h.record(150);
            h.record(1_000 + t as u64);
        });
        let n: usize = done.iter().sum();
        assert_eq!(h.counts(), vec![n, n], "lost updates in buckets");
        assert_eq!(h.overflow(), n, "lost updates in overflow");
    }
}

#[test]
fn histogram_hot_bucket_and_hot_overflow() {
    let _serial = serial();
    let h = Histogram::new(100, 2);
    hammer(THREADS, |t| {
        for _ in 0..PER_THREAD {
            if t % 2 == 0 {
                h.record(7);
            } else {
                h.record(1_000);
            }
        }
    });
    assert_eq!(h.counts(), vec![THREADS / 2 * PER_THREAD, 0]);
    assert_eq!(h.overflow(), THREADS / 2 * PER_THREAD);
}

fn sequential_histogram(values: &[u64], width: u64, buckets: usize) -> (Vec<usize>, usize) {
    let mut counts = vec![0usize; buckets];
    let mut overflow = 0;
    for &v in values {
        let i = v / width;
        if i < buckets as u64 {
            counts[i as usize] += 1;
        } else {
            overflow += 1;
        }
    }
    (counts, overflow)
}

#[test]
fn parallel_histogram_matches_sequential() {
    let _serial = serial();
    let mut rng = Rng::new(17);
    for case in 0..300 {
        let n = if case % 10 == 0 { 0 } else { rng.below(60) as usize };
        let width = 1 + rng.below(9);
        let buckets = 1 + rng.below(6) as usize;
        let values: Vec<u64> = (0..n).map(|_| rng.below(width * buckets as u64 + 10)).collect();
        let threads = rng.below(10) as usize;
        assert_eq!(
            parallel_histogram(&values, width, buckets, threads),
            sequential_histogram(&values, width, buckets),
            "values {:?} width {} buckets {} threads {}",
            values,
            width,
            buckets,
            threads
        );
    }
}

#[test]
fn parallel_histogram_large_input() {
    let _serial = serial();
    let values: Vec<u64> = (0..200_000u64).map(|i| (i * 7919) % 1_000).collect();
    for threads in [1usize, 3, 8, 16] {
        assert_eq!(
            parallel_histogram(&values, 50, 15, threads),
            sequential_histogram(&values, 50, 15),
            "threads {}",
            threads
        );
    }
}

#[test]
#[should_panic]
fn parallel_histogram_zero_width_panics() {
    let _ = parallel_histogram(&[1, 2, 3], 0, 3, 2);
}

fn sequential_word_count(docs: &[String]) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for d in docs {
        for w in d.split_whitespace() {
            *out.entry(w.to_string()).or_insert(0) += 1;
        }
    }
    out
}

#[test]
fn word_count_examples() {
    let _serial = serial();
    let docs: Vec<String> = vec!["a b a".into(), "".into(), "  b\tc\n".into(), "A".into()];
    let expected: HashMap<String, usize> =
        [("a", 2), ("b", 2), ("c", 1), ("A", 1)].iter().map(|(k, v)| (k.to_string(), *v)).collect();
    for threads in 0..6 {
        assert_eq!(parallel_word_count(&docs, threads), expected);
    }
    assert!(parallel_word_count(&[], 4).is_empty());
    assert!(parallel_word_count(&["   ".to_string()], 4).is_empty());
}

#[test]
fn word_count_matches_sequential() {
    let _serial = serial();
    let vocab = ["red", "green", "blue", "Red", "x", "yy"];
    let mut rng = Rng::new(23);
    for case in 0..200 {
        let n_docs = if case % 20 == 0 { 0 } else { rng.below(40) as usize };
        let docs: Vec<String> = (0..n_docs)
            .map(|_| {
                (0..rng.below(12))
                    .map(|_| vocab[rng.below(vocab.len() as u64) as usize])
                    .collect::<Vec<_>>()
                    .join(if rng.below(2) == 0 { " " } else { "  \t" })
            })
            .collect();
        let threads = rng.below(12) as usize;
        assert_eq!(parallel_word_count(&docs, threads), sequential_word_count(&docs), "threads {}", threads);
    }
}

#[test]
fn word_count_many_threads_same_words() {
    let _serial = serial();
    let docs: Vec<String> = (0..400).map(|i| format!("w{} common common", i % 7)).collect();
    let got = parallel_word_count(&docs, 16);
    assert_eq!(got["common"], 800);
    assert_eq!(got, sequential_word_count(&docs));
}
