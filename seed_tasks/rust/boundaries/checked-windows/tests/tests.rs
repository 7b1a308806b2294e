use crate::solution::*;

#[test]
fn totals() {
    assert_eq!(checked_total(&[]), Some(0));
    assert_eq!(checked_total(&[1, 2, 3]), Some(6));
    assert_eq!(checked_total(&[u32::MAX, 0]), Some(u32::MAX));
    assert_eq!(checked_total(&[u32::MAX, 1]), None);
    assert_eq!(checked_total(&[u32::MAX - 5, 3, 3]), None);
}

#[test]
fn checksum_wraps() {
    assert_eq!(wrapping_checksum(&[]), 0);
    assert_eq!(wrapping_checksum(&[255, 255]), 765);
    let big = vec![255u8; 600];
    let want: u64 = (1..=600u64).map(|i| i * 255).sum::<u64>() % 65536;
    assert_eq!(wrapping_checksum(&big) as u64, want);
}

#[test]
fn windows() {
    assert_eq!(window_sums(&[1, 2, 3], 1), vec![1, 2, 3]);
    assert_eq!(window_sums(&[1, 2, 3], 2), vec![3, 5]);
    assert_eq!(window_sums(&[1, 2, 3], 3), vec![6]);
    assert_eq!(window_sums(&[1, 2, 3], 4), Vec::<i64>::new());
    assert_eq!(window_sums(&[1, 2, 3], 0), Vec::<i64>::new());
    assert_eq!(window_sums(&[], 1), Vec::<i64>::new());
}

#[test]
fn windows_are_linear() {
    let xs: Vec<i64> = (0..1_000_000).map(|i| i % 7 - 3).collect();
    let w = window_sums(&xs, 500_000);
    assert_eq!(w.len(), 500_001);
    assert_eq!(w[0], xs[..500_000].iter().sum::<i64>());
}
