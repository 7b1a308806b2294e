use crate::solution::*;

#[test]
fn success_applies_everything() {
    let mut v = vec![1, 2, 3];
    assert_eq!(apply_all(&mut v, &[Op::Push(4), Op::Add(0, 10), Op::Remove(1)]), Ok(3));
    assert_eq!(v, vec![11, 3, 4]);
    assert_eq!(apply_all(&mut v, &[]), Ok(0));
}

#[test]
fn failure_rolls_back() {
    let mut v = vec![1, 2, 3];
    let r = apply_all(&mut v, &[Op::Push(4), Op::Remove(0), Op::Add(3, 1), Op::Push(9)]);
    assert_eq!(r, Err(BatchError { at: 2, kind: ErrorKind::NoSuchIndex }));
    assert_eq!(v, vec![1, 2, 3]);
}

#[test]
fn remove_at_len_is_an_error() {
    let mut v = vec![5, 6];
    assert_eq!(apply_all(&mut v, &[Op::Remove(2)]), Err(BatchError { at: 0, kind: ErrorKind::NoSuchIndex }));
    assert_eq!(apply_all(&mut v, &[Op::Remove(1), Op::Remove(1)]),
               Err(BatchError { at: 1, kind: ErrorKind::NoSuchIndex }));
    assert_eq!(v, vec![5, 6]);
    let mut e: Vec<i64> = vec![];
    assert_eq!(apply_all(&mut e, &[Op::Add(0, 1)]), Err(BatchError { at: 0, kind: ErrorKind::NoSuchIndex }));
}

#[test]
fn overflow_is_an_error_and_rolls_back() {
    let mut v = vec![i64::MAX - 1, 0];
    assert_eq!(apply_all(&mut v, &[Op::Add(1, 7), Op::Add(0, 2)]),
               Err(BatchError { at: 1, kind: ErrorKind::Overflow }));
    assert_eq!(v, vec![i64::MAX - 1, 0]);
    assert_eq!(apply_all(&mut v, &[Op::Add(0, 1)]), Ok(1));
    assert_eq!(v[0], i64::MAX);
}
