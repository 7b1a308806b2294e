use crate::solution::*;

fn store() -> Store {
    let mut s = Store::new();
    s.add("bolt", 10);
    s.add("nut", 4);
    s
}

#[test]
fn reserve_all_or_nothing() {
    let mut s = store();
    assert_eq!(s.reserve(&[("bolt", 3), ("nut", 5)]), Err("nut".to_string()));
    assert_eq!(s.available("bolt"), 10);
    assert_eq!(s.reserve(&[("bolt", 3), ("nut", 4)]), Ok(()));
    assert_eq!((s.available("bolt"), s.available("nut")), (7, 0));
}

#[test]
fn repeated_names_add_up() {
    let mut s = store();
    assert_eq!(s.reserve(&[("nut", 3), ("bolt", 1), ("nut", 2)]), Err("nut".to_string()));
    assert_eq!(s.available("nut"), 4);
    assert_eq!(s.reserve(&[("nut", 2), ("nut", 2)]), Ok(()));
    assert_eq!(s.available("nut"), 0);
}

#[test]
fn first_failing_name_in_order_of_appearance() {
    let mut s = store();
    assert_eq!(s.reserve(&[("nut", 1), ("gear", 1), ("bolt", 99)]), Err("gear".to_string()));
    assert_eq!(s.reserve(&[("gear", 0)]), Ok(()));
    assert_eq!(s.reserve(&[]), Ok(()));
}

#[test]
fn ship_consumes_reservations() {
    let mut s = store();
    assert_eq!(s.ship("bolt", 1), Err("bolt".to_string()));
    s.reserve(&[("bolt", 4)]).unwrap();
    assert_eq!(s.ship("bolt", 5), Err("bolt".to_string()));
    assert_eq!(s.ship("bolt", 4), Ok(()));
    assert_eq!(s.available("bolt"), 6);
    assert_eq!(s.ship("bolt", 1), Err("bolt".to_string()));
    assert_eq!(s.ship("gear", 0), Err("gear".to_string()));
}

#[test]
fn low_stock_counts_available_units() {
    let mut s = store();
    assert_eq!(s.low_stock(4), Vec::<&str>::new());
    assert_eq!(s.low_stock(5), vec!["nut"]);
    s.reserve(&[("bolt", 6)]).unwrap();
    assert_eq!(s.low_stock(5), vec!["bolt", "nut"]);
    assert_eq!(s.low_stock(4), Vec::<&str>::new());
    s.reserve(&[("nut", 1)]).unwrap();
    assert_eq!(s.low_stock(4), vec!["nut"]);
}
