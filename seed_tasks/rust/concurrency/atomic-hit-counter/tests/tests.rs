use crate::solution::*;
use std::sync::Barrier;

const THREADS: usize = 4;
const HITS: u64 = 50_000;

#[test]
fn sequential_counts() {
    let c = HitCounter::new(3);
    assert_eq!(c.hit(1), Some(1));
    assert_eq!(c.hit(1), Some(2));
    assert_eq!(c.hit(0), Some(1));
    assert_eq!((c.bucket(0), c.bucket(1), c.bucket(2), c.total()), (1, 2, 0, 3));
}

#[test]
fn missing_buckets() {
    let c = HitCounter::new(2);
    assert_eq!(c.hit(2), None);
    assert_eq!(c.bucket(2), 0);
    assert_eq!(c.bucket(99), 0);
    assert_eq!(c.take(5), 0);
    assert_eq!(c.total(), 0);
    assert_eq!(HitCounter::new(0).hit(0), None);
}

#[test]
fn take_resets_and_lowers_total() {
    let c = HitCounter::new(2);
    for _ in 0..5 {
        c.hit(0);
    }
    c.hit(1);
    assert_eq!(c.take(0), 5);
    assert_eq!(c.take(0), 0);
    assert_eq!((c.bucket(0), c.total()), (0, 1));
}

/// Repeats `round` for about a second of wall-clock time (at least 3 rounds): on a
/// loaded machine a lost update needs a preemption inside the load/store window,
/// so the race gets many chances. Stops at the first failed round.
fn for_a_while(mut round: impl FnMut() -> Result<(), String>) {
    let start = std::time::Instant::now();
    let mut rounds = 0;
    while rounds < 3 || start.elapsed() < std::time::Duration::from_millis(1200) {
        if let Err(e) = round() {
            panic!("round {rounds}: {e}");
        }
        rounds += 1;
    }
}

#[test]
fn concurrent_hits_are_never_lost() {
    for_a_while(|| {
        let c = HitCounter::new(2);
        let barrier = Barrier::new(THREADS);
        let maxima: Vec<u64> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..THREADS)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        let mut seen = 0;
                        for _ in 0..HITS {
                            seen = seen.max(c.hit(0).unwrap());
                        }
                        seen
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let want = THREADS as u64 * HITS;
        let got = (c.bucket(0), c.total(), maxima.into_iter().max().unwrap());
        if got != (want, want, want) {
            return Err(format!("bucket, total, max seen = {got:?}, want {want} each"));
        }
        Ok(())
    });
}

#[test]
fn takes_racing_with_hits_lose_nothing() {
    for_a_while(|| {
        let c = HitCounter::new(2);
        let barrier = Barrier::new(THREADS + 1);
        let taken: u64 = std::thread::scope(|s| {
            for t in 0..THREADS {
                let (c, barrier) = (&c, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    for _ in 0..HITS {
                        c.hit(t % 2).unwrap();
                    }
                });
            }
            let taker = s.spawn(|| {
                barrier.wait();
                let mut sum = 0;
                for i in 0..HITS {
                    sum += c.take((i % 2) as usize);
                }
                sum
            });
            taker.join().unwrap()
        });
        let left = c.bucket(0) + c.bucket(1);
        if taken + left != THREADS as u64 * HITS || c.total() != left {
            return Err(format!("taken {taken} + left {left}, total {}", c.total()));
        }
        Ok(())
    });
}
