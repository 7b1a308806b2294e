use crate::solution::*;

#[test]
fn pages_are_one_based() {
    let xs = [1, 2, 3, 4, 5];
    assert_eq!(page(&xs, 1, 2), vec![1, 2]);
    assert_eq!(page(&xs, 2, 2), vec![3, 4]);
    assert_eq!(page(&xs, 3, 2), vec![5]);
    assert_eq!(page(&xs, 4, 2), Vec::<i32>::new());
    assert_eq!(page(&xs, 0, 2), Vec::<i32>::new());
    assert_eq!(page(&xs, 1, 0), Vec::<i32>::new());
    assert_eq!(page(&xs, 1, 5), vec![1, 2, 3, 4, 5]);
    assert_eq!(page(&xs, 1, 9), vec![1, 2, 3, 4, 5]);
}

#[test]
fn huge_page_numbers_do_not_panic() {
    let xs = [1, 2, 3];
    assert_eq!(page(&xs, usize::MAX, 2), Vec::<i32>::new());
    assert_eq!(page(&xs, 2, usize::MAX), Vec::<i32>::new());
    assert_eq!(page(&xs, 1, usize::MAX), vec![1, 2, 3]);
}

#[test]
fn counts() {
    assert_eq!(page_count(5, 2), 3);
    assert_eq!(page_count(4, 2), 2);
    assert_eq!(page_count(0, 2), 0);
    assert_eq!(page_count(5, 0), 0);
    assert_eq!(page_count(1, 1), 1);
}

#[test]
fn page_of_index() {
    assert_eq!(page_of(0, 2), Some(1));
    assert_eq!(page_of(1, 2), Some(1));
    assert_eq!(page_of(2, 2), Some(2));
    assert_eq!(page_of(2, 0), None);
}
