use crate::solution::*;

#[test]
fn evicts_least_recently_used() {
    let mut c = Lru::new(2);
    assert_eq!(c.put(1, 10), None);
    assert_eq!(c.put(2, 20), None);
    assert_eq!(c.get(1), Some(10));
    assert_eq!(c.put(3, 30), Some((2, 20)));
    assert_eq!(c.keys(), vec![1, 3]);
    assert_eq!(c.get(2), None);
    assert_eq!(c.len(), 2);
}

#[test]
fn overwrite_refreshes_and_never_evicts() {
    let mut c = Lru::new(2);
    c.put(1, 10);
    c.put(2, 20);
    assert_eq!(c.put(1, 11), None);
    assert_eq!(c.keys(), vec![2, 1]);
    assert_eq!(c.put(3, 30), Some((2, 20)));
    assert_eq!(c.peek(1), Some(11));
}

#[test]
fn peek_keeps_recency() {
    let mut c = Lru::new(2);
    c.put(1, 10);
    c.put(2, 20);
    assert_eq!(c.peek(1), Some(10));
    assert_eq!(c.put(3, 30), Some((1, 10)));
    assert_eq!(c.peek(9), None);
}

#[test]
fn capacity_one_and_zero() {
    let mut one = Lru::new(1);
    assert_eq!(one.put(1, 1), None);
    assert_eq!(one.put(2, 2), Some((1, 1)));
    assert_eq!(one.keys(), vec![2]);
    let mut zero = Lru::new(0);
    assert_eq!(zero.put(5, 6), Some((5, 6)));
    assert_eq!((zero.len(), zero.get(5)), (0, None));
}
