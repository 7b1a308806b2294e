use crate::solution::*;

fn tr(from: usize, to: usize, amount: i64) -> Transfer {
    Transfer { from, to, amount }
}

#[test]
fn simple_transfer() {
    let mut b = vec![10, 0];
    assert_eq!(apply_transfers(&mut b, &[tr(0, 1, 4)]), 1);
    assert_eq!(b, vec![6, 4]);
}

#[test]
fn whole_balance_allowed() {
    let mut b = vec![5, 1];
    assert_eq!(apply_transfers(&mut b, &[tr(0, 1, 5)]), 1);
    assert_eq!(b, vec![0, 6]);
}

#[test]
fn insufficient_skipped() {
    let mut b = vec![5, 1];
    assert_eq!(apply_transfers(&mut b, &[tr(0, 1, 6)]), 0);
    assert_eq!(b, vec![5, 1]);
}

#[test]
fn index_equal_to_len_is_skipped_without_panic() {
    let mut b = vec![5, 1];
    let ts = [tr(2, 0, 1), tr(0, 2, 1), tr(7, 9, 1)];
    assert_eq!(apply_transfers(&mut b, &ts), 0);
    assert_eq!(b, vec![5, 1]);
}

#[test]
fn self_transfer_and_non_positive_skipped() {
    let mut b = vec![5, 1];
    assert_eq!(apply_transfers(&mut b, &[tr(0, 0, 1), tr(0, 1, 0), tr(0, 1, -3)]), 0);
    assert_eq!(b, vec![5, 1]);
}

#[test]
fn later_transfers_see_earlier_ones() {
    let mut b = vec![0, 3, 0];
    let ts = [tr(0, 2, 1), tr(1, 0, 3), tr(0, 2, 3), tr(2, 1, 4)];
    assert_eq!(apply_transfers(&mut b, &ts), 2);
    assert_eq!(b, vec![0, 0, 3]);
}

#[test]
fn empty_inputs() {
    let mut b: Vec<i64> = vec![];
    assert_eq!(apply_transfers(&mut b, &[tr(0, 0, 1)]), 0);
    let mut c = vec![1];
    assert_eq!(apply_transfers(&mut c, &[]), 0);
}
