//! Invoice totals: bulk discount, capped coupon, tax and shipping, with gift
//! cards exempt from discount and tax.

#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub qty: u32,
    pub unit_cents: u32,
    pub taxable: bool,
    pub gift_card: bool,
}

fn percent_off(amount: u64, p: u64) -> u64 {
    amount - amount * p / 100
}

pub fn invoice_total(lines: &[Line], coupon_percent: Option<u32>) -> u64 {
    let (mut merch, mut taxable, mut gift) = (0u64, 0u64, 0u64);
    for line in lines {
        let mut sub = u64::from(line.qty) * u64::from(line.unit_cents);
        if line.gift_card {
            gift += sub;
            if line.taxable {
                taxable += sub;
            }
            continue;
        }
        if line.qty >= 10 {
            sub = percent_off(sub, 5);
        }
        merch += sub;
        if line.taxable {
            taxable += sub;
        }
    }
    let p = u64::from(coupon_percent.unwrap_or(0).min(50));
    let merch_after = percent_off(merch, p);
    let tax = percent_off(taxable, p) * 8 / 100;
    let shipping = if merch_after > 0 && merch_after < 5000 { 499 } else { 0 };
    merch_after + gift + tax + shipping
}
