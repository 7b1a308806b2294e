use crate::solution::*;

#[test]
fn fills_then_overwrites_oldest() {
    let mut r = Ring::new(3);
    assert_eq!((r.push(1), r.push(2), r.push(3)), (None, None, None));
    assert_eq!(r.push(4), Some(1));
    assert_eq!(r.push(5), Some(2));
    assert_eq!(r.to_vec(), vec![3, 4, 5]);
    assert_eq!((r.get(0), r.get(2), r.get(3)), (Some(3), Some(5), None));
    assert_eq!(r.len(), 3);
}

#[test]
fn pop_and_wrap() {
    let mut r = Ring::new(2);
    r.push(1);
    r.push(2);
    assert_eq!(r.pop_oldest(), Some(1));
    r.push(3);
    assert_eq!(r.to_vec(), vec![2, 3]);
    assert_eq!(r.pop_oldest(), Some(2));
    assert_eq!(r.pop_oldest(), Some(3));
    assert_eq!(r.pop_oldest(), None);
    assert_eq!((r.len(), r.get(0)), (0, None));
    r.push(7);
    assert_eq!(r.to_vec(), vec![7]);
}

#[test]
fn capacity_zero_and_one() {
    let mut z = Ring::new(0);
    assert_eq!(z.push(9), Some(9));
    assert_eq!((z.len(), z.pop_oldest(), z.get(0)), (0, None, None));
    let mut one = Ring::new(1);
    assert_eq!(one.push(1), None);
    assert_eq!(one.push(2), Some(1));
    assert_eq!(one.to_vec(), vec![2]);
}
