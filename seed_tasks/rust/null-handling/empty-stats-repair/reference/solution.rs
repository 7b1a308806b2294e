//! Statistics helpers that answer None (or a default) instead of panicking.

pub fn spread(xs: &[i64]) -> Option<i64> {
    let (&first, rest) = xs.split_first()?;
    let (mut lo, mut hi) = (first, first);
    for &x in rest {
        lo = lo.min(x);
        hi = hi.max(x);
    }
    Some(hi - lo)
}

pub fn mean_floor(xs: &[i64]) -> Option<i64> {
    if xs.is_empty() {
        return None;
    }
    let mut sum = 0i64;
    for &x in xs {
        sum += x;
    }
    Some(sum.div_euclid(xs.len() as i64))
}

pub fn nth_largest(xs: &[i64], n: usize) -> Option<i64> {
    if n == 0 {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.get(n - 1).copied()
}

pub fn first_above_or(xs: &[i64], t: i64, default: i64) -> i64 {
    (0..xs.len()).find(|&i| xs[i] > t).map(|i| xs[i]).unwrap_or(default)
}
