use crate::solution::*;

#[test]
fn small_examples() {
    assert_eq!(count_close_pairs(&[], 5), 0);
    assert_eq!(count_close_pairs(&[7], 5), 0);
    assert_eq!(count_close_pairs(&[1, 4, 2], 2), 2);
    assert_eq!(count_close_pairs(&[3, 3, 3], 0), 3);
    assert_eq!(count_close_pairs(&[1, 2], -1), 0);
    assert_eq!(count_close_pairs(&[-1_000_000_000_000, 1_000_000_000_000], 2_000_000_000_000), 1);
}

#[test]
fn two_hundred_thousand_values() {
    let n: i64 = 200_000;
    // A permutation of 0..n (7919 is prime and does not divide n).
    let xs: Vec<i64> = (0..n).map(|i| (i * 7919) % n).collect();
    let want = ((n - 1) + (n - 2) + (n - 3)) as u64;
    assert_eq!(count_close_pairs(&xs, 3), want);
    let same = vec![42i64; 100_000];
    assert_eq!(count_close_pairs(&same, 0), 100_000u64 * 99_999 / 2);
}
