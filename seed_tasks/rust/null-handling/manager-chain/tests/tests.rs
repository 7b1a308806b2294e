use crate::solution::*;
use std::collections::HashMap;

fn org() -> HashMap<u32, Option<u32>> {
    [(1, None), (2, Some(1)), (3, Some(2)), (4, Some(9)), (5, Some(6)), (6, Some(5)), (7, Some(7))]
        .into_iter()
        .collect()
}

#[test]
fn example_chains() {
    let m = org();
    assert_eq!(chain(&m, 3), vec![3, 2, 1]);
    assert_eq!(chain(&m, 4), vec![4, 9]);
    assert_eq!(chain(&m, 5), vec![5, 6]);
    assert_eq!(chain(&m, 7), vec![7]);
    assert_eq!(chain(&m, 9), Vec::<u32>::new());
}

#[test]
fn depths() {
    let m = org();
    assert_eq!(depth(&m, 3), Some(2));
    assert_eq!(depth(&m, 1), Some(0));
    assert_eq!(depth(&m, 4), None);
    assert_eq!(depth(&m, 5), None);
    assert_eq!(depth(&m, 7), None);
    assert_eq!(depth(&m, 9), None);
}

#[test]
fn common() {
    let m = org();
    assert_eq!(common_manager(&m, 3, 2), Some(2));
    assert_eq!(common_manager(&m, 2, 3), Some(2));
    assert_eq!(common_manager(&m, 3, 5), None);
    assert_eq!(common_manager(&m, 5, 6), Some(5));
    assert_eq!(common_manager(&m, 9, 1), None);
}
