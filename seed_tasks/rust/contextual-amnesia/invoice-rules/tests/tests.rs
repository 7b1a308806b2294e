use crate::solution::*;

fn line(qty: u32, unit_cents: u32, taxable: bool, gift_card: bool) -> Line {
    Line { qty, unit_cents, taxable, gift_card }
}

#[test]
fn empty_invoice() {
    assert_eq!(invoice_total(&[], None), 0);
    assert_eq!(invoice_total(&[line(0, 999, true, false)], Some(10)), 0);
}

#[test]
fn small_order_pays_shipping_and_tax() {
    // 2 x 1000 taxable: 2000 + tax 160 + shipping 499.
    assert_eq!(invoice_total(&[line(2, 1000, true, false)], None), 2659);
}

#[test]
fn free_shipping_from_5000() {
    assert_eq!(invoice_total(&[line(5, 1000, false, false)], None), 5000);
    assert_eq!(invoice_total(&[line(1, 4999, false, false)], None), 5498);
}

#[test]
fn bulk_discount_from_ten() {
    assert_eq!(invoice_total(&[line(10, 1000, false, false)], None), 9500);
    assert_eq!(invoice_total(&[line(9, 1000, false, false)], None), 9000);
}

#[test]
fn gift_cards_are_not_discounted_taxed_or_shipped() {
    assert_eq!(invoice_total(&[line(10, 1000, true, true)], Some(20)), 10000);
    assert_eq!(invoice_total(&[line(1, 2500, true, true)], None), 2500);
}

#[test]
fn coupon_is_capped_and_excludes_gift_cards() {
    // merch 10000 -> 50% cap -> 5000, taxable 10000 -> 5000 -> tax 400, gift 1000.
    let lines = [line(1, 10000, true, false), line(1, 1000, false, true)];
    assert_eq!(invoice_total(&lines, Some(80)), 6400);
    assert_eq!(invoice_total(&lines, Some(0)), 11800);
}

#[test]
fn large_amounts_do_not_overflow_u32() {
    assert_eq!(invoice_total(&[line(4_000_000, 4_000, false, true)], None), 16_000_000_000);
}
