use crate::solution::*;

#[test]
fn example_from_the_prompt() {
    let mut v = vec![3, -1, 10, 0, 25];
    prune_and_expand(&mut v);
    assert_eq!(v, vec![3, 5, 5, 0, 12, 13]);
}

#[test]
fn zero_is_kept_and_halves_not_split_again() {
    let mut v = vec![0, 40, -5, 9];
    prune_and_expand(&mut v);
    assert_eq!(v, vec![0, 20, 20, 9]);
}

#[test]
fn consecutive_negatives_all_removed() {
    let mut v = vec![-1, -2, -3, 4, -5];
    prune_and_expand(&mut v);
    assert_eq!(v, vec![4]);
    let mut e: Vec<i64> = vec![];
    prune_and_expand(&mut e);
    assert!(e.is_empty());
}

#[test]
fn split_off_keeps_order_on_both_sides() {
    let mut v = vec![1, -2, 0, -3, -3, 7];
    assert_eq!(split_off_negatives(&mut v), vec![-2, -3, -3]);
    assert_eq!(v, vec![1, 0, 7]);
    let mut e: Vec<i64> = vec![];
    assert!(split_off_negatives(&mut e).is_empty());
}
