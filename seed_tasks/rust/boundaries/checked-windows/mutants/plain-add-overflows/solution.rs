//! Sums at the edges: checked, wrapping and sliding-window arithmetic.

pub fn checked_total(xs: &[u32]) -> Option<u32> {
    let mut total: u32 = 0;
    for &x in xs {
        total = total.wrapping_add(x);
    }
    Some(total)
}

pub fn wrapping_checksum(bytes: &[u8]) -> u16 {
    let mut sum: u16 = 0;
    for i in 0..bytes.len() {
        let weight = (i as u16).wrapping_add(1);
        sum = sum.wrapping_add(weight.wrapping_mul(u16::from(bytes[i])));
    }
    sum
}

pub fn window_sums(xs: &[i64], k: usize) -> Vec<i64> {
    if k == 0 || k > xs.len() {
        return Vec::new();
    }
    let mut sum: i64 = xs[..k].iter().sum();
    let mut out = Vec::with_capacity(xs.len() - k + 1);
    out.push(sum);
    for i in k..xs.len() {
        sum += xs[i] - xs[i - k];
        out.push(sum);
    }
    out
}
