// JSON-lines driver: [coupon | -1, (qty, unit, taxable, gift)...] -> the total.
use crate::solution::*;
use std::io::{BufRead, Write};

fn ints(line: &str) -> Vec<i64> {
    line.trim_matches(|c| c == '[' || c == ']' || c == ' ')
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().unwrap())
        .collect()
}

pub fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().lines() {
        let v = ints(&line.unwrap());
        let coupon = if v[0] < 0 { None } else { Some(v[0] as u32) };
        let lines: Vec<Line> = v[1..]
            .chunks(4)
            .map(|c| Line { qty: c[0] as u32, unit_cents: c[1] as u32, taxable: c[2] == 1, gift_card: c[3] == 1 })
            .collect();
        writeln!(out, "{}", invoice_total(&lines, coupon)).unwrap();
        out.flush().unwrap();
    }
}
