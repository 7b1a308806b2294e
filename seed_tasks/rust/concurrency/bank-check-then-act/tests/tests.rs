use crate::solution::*;
use std::sync::Barrier;

#[test]
fn single_threaded_rules() {
    let b = Bank::new(vec![5, 0, 2]);
    assert!(b.transfer(0, 1, 5));
    assert!(!b.transfer(0, 1, 1));
    assert!(!b.transfer(1, 1, 1));
    assert!(!b.transfer(1, 3, 1));
    assert!(!b.transfer(3, 1, 1));
    assert!(!b.transfer(1, 2, 0));
    assert!(!b.transfer(1, 2, -1));
    assert!(b.transfer(2, 0, 2));
    assert_eq!((b.balance(0), b.balance(1), b.balance(2), b.balance(3)), (Some(2), Some(5), Some(0), None));
    assert_eq!((b.total(), b.transfers()), (7, 2));
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
fn concurrent_transfers_keep_the_invariants() {
    const THREADS: usize = 4;
    const TRIES: usize = 20_000;
    for_a_while(|| {
        let bank = Bank::new(vec![1_000, 0, 0, 0]);
        let barrier = Barrier::new(THREADS);
        let succeeded: u64 = std::thread::scope(|s| {
            let hs: Vec<_> = (0..THREADS)
                .map(|t| {
                    let (bank, barrier) = (&bank, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        let mut ok = 0u64;
                        for i in 0..TRIES {
                            let to = 1 + (t + i) % 3;
                            ok += bank.transfer(0, to, 1) as u64;
                            ok += bank.transfer(to, 0, 1) as u64;
                        }
                        ok
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).sum()
        });
        let balances: Vec<i64> = (0..4).map(|i| bank.balance(i).unwrap()).collect();
        if balances.iter().any(|&b| b < 0) || bank.total() != 1_000 {
            return Err(format!("balances {balances:?}, total {}", bank.total()));
        }
        if bank.transfers() != succeeded {
            return Err(format!("counter {} but {succeeded} transfers succeeded", bank.transfers()));
        }
        Ok(())
    });
}

#[test]
fn concurrent_drain_never_overdraws() {
    for_a_while(|| {
        let bank = Bank::new(vec![3, 0]);
        let barrier = Barrier::new(4);
        let ok: u64 = std::thread::scope(|s| {
            let hs: Vec<_> = (0..4)
                .map(|_| {
                    let (bank, barrier) = (&bank, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        (0..2).map(|_| bank.transfer(0, 1, 1) as u64).sum::<u64>()
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).sum()
        });
        if ok != 3 || bank.balance(0) != Some(0) || bank.balance(1) != Some(3) {
            return Err(format!("{ok} succeeded, balances {:?} {:?}", bank.balance(0), bank.balance(1)));
        }
        Ok(())
    });
}
