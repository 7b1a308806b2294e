use crate::solution::*;

#[test]
fn empty_input_gives_none() {
    assert_eq!(spread(&[]), None);
    assert_eq!(mean_floor(&[]), None);
    assert_eq!(nth_largest(&[], 1), None);
    assert_eq!(first_above_or(&[], 0, 42), 42);
}

#[test]
fn spread_values() {
    assert_eq!(spread(&[5]), Some(0));
    assert_eq!(spread(&[3, -2, 7, 7]), Some(9));
}

#[test]
fn mean_rounds_down() {
    assert_eq!(mean_floor(&[-1, -2]), Some(-2));
    assert_eq!(mean_floor(&[1, 2]), Some(1));
    assert_eq!(mean_floor(&[-3, 3, 1]), Some(0));
}

#[test]
fn nth_largest_bounds() {
    let xs = [4, 9, 4, 1];
    assert_eq!(nth_largest(&xs, 0), None);
    assert_eq!(nth_largest(&xs, 1), Some(9));
    assert_eq!(nth_largest(&xs, 3), Some(4));
    assert_eq!(nth_largest(&xs, 4), Some(1));
    assert_eq!(nth_largest(&xs, 5), None);
}

#[test]
fn first_above_is_strict() {
    assert_eq!(first_above_or(&[1, 3, 5], 3, -1), 5);
    assert_eq!(first_above_or(&[1, 3], 3, -1), -1);
}
