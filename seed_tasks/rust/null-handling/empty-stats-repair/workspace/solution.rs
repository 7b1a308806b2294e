pub fn spread(xs: &[i64]) -> Option<i64> {
    Some(xs.iter().max().unwrap() - xs.iter().min().unwrap())
}

pub fn mean_floor(xs: &[i64]) -> Option<i64> {
    let sum: i64 = xs.iter().sum();
    Some(sum / xs.len() as i64)
}

pub fn nth_largest(xs: &[i64], n: usize) -> Option<i64> {
    let mut v = xs.to_vec();
    v.sort();
    v.reverse();
    Some(v[n - 1])
}

pub fn first_above_or(xs: &[i64], t: i64, default: i64) -> i64 {
    *xs.iter().find(|x| **x > t).unwrap()
}
