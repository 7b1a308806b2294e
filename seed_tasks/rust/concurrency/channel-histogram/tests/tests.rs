use crate::solution::*;

#[test]
fn bounds_example() {
    assert_eq!(chunk_bounds(10, 4), vec![(0, 3), (3, 6), (6, 8), (8, 10)]);
    assert_eq!(chunk_bounds(8, 4), vec![(0, 2), (2, 4), (4, 6), (6, 8)]);
}

#[test]
fn bounds_edges() {
    assert_eq!(chunk_bounds(0, 0), vec![(0, 0)]);
    assert_eq!(chunk_bounds(5, 0), vec![(0, 5)]);
    assert_eq!(chunk_bounds(2, 3), vec![(0, 1), (1, 2), (2, 2)]);
}

#[test]
fn histogram_small() {
    let p = Progress::new();
    assert_eq!(parallel_histogram(&[0, 1, 2, 3, 4, 5, 6], 3, 3, &p), vec![3, 2, 2]);
    assert_eq!(p.done(), 7);
    assert_eq!(parallel_histogram(&[1, 2], 0, 2, &p), vec![1, 1]);
    assert_eq!(parallel_histogram(&[1, 2], 2, 0, &p), Vec::<u64>::new());
    assert_eq!(parallel_histogram(&[], 4, 2, &p), vec![0, 0]);
    assert_eq!(p.done(), 9);
}

#[test]
fn progress_shared_by_concurrent_calls_loses_nothing() {
    let data: Vec<u32> = (0..50_000).collect();
    let start = std::time::Instant::now();
    let mut rounds = 0;
    while rounds < 3 || start.elapsed() < std::time::Duration::from_millis(1200) {
        let p = Progress::new();
        let hists: Vec<Vec<u64>> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..2).map(|_| s.spawn(|| parallel_histogram(&data, 4, 7, &p))).collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(p.done(), 2 * data.len(), "round {rounds}: progress lost updates");
        for h in hists {
            assert_eq!(h.iter().sum::<u64>(), data.len() as u64);
            assert_eq!(h[0], 7143);
        }
        rounds += 1;
    }
}
