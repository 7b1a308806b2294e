use crate::solution::*;
use std::sync::Barrier;

#[test]
fn sequential_rules() {
    let p = Permits::new(3);
    assert!(p.try_acquire(2));
    assert!(!p.try_acquire(2));
    assert!(p.try_acquire(1));
    assert!(p.try_acquire(0));
    assert_eq!((p.in_use(), p.granted()), (3, 3));
    p.release(2);
    assert_eq!(p.in_use(), 1);
    assert!(p.try_acquire(2));
    assert_eq!((p.in_use(), p.granted()), (3, 5));
    let z = Permits::new(0);
    assert!(!z.try_acquire(1));
    assert!(z.try_acquire(0));
}

/// Repeats `round` for about a second (at least 3 rounds): on a loaded machine a
/// race needs a preemption at the wrong moment, so it gets many chances.
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
fn acquire_release_races_lose_nothing() {
    const THREADS: usize = 4;
    const LOOPS: usize = 20_000;
    for_a_while(|| {
        let p = Permits::new(5);
        let barrier = Barrier::new(THREADS);
        let (granted, overflow): (u64, bool) = std::thread::scope(|s| {
            let hs: Vec<_> = (0..THREADS)
                .map(|t| {
                    let (p, barrier) = (&p, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        let (mut got, mut overflow) = (0u64, false);
                        for i in 0..LOOPS {
                            let n = 1 + (t + i) % 2;
                            if p.try_acquire(n) {
                                got += n as u64;
                                overflow |= p.in_use() > 5;
                                p.release(n);
                            }
                        }
                        (got, overflow)
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).fold((0, false), |a, b| (a.0 + b.0, a.1 | b.1))
        });
        if overflow || p.in_use() != 0 || p.granted() != granted || !p.try_acquire(5) {
            return Err(format!("in_use {} granted {} (want {granted}) overflow {overflow}",
                               p.in_use(), p.granted()));
        }
        Ok(())
    });
}
