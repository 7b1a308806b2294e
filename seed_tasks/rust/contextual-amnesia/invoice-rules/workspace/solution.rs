#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub qty: u32,
    pub unit_cents: u32,
    pub taxable: bool,
    pub gift_card: bool,
}

pub fn invoice_total(lines: &[Line], coupon_percent: Option<u32>) -> u64 {
    todo!()
}
