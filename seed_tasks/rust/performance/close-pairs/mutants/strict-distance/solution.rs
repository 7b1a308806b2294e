//! Sort, then a sliding window: for each right end, every value still inside
//! [v[hi] - d, v[hi]] pairs with it. O(n log n).

pub fn count_close_pairs(xs: &[i64], d: i64) -> u64 {
    if d < 0 {
        return 0;
    }
    let mut v = xs.to_vec();
    v.sort_unstable();
    let mut count = 0u64;
    let mut lo = 0;
    for hi in 0..v.len() {
        while v[hi] - v[lo] >= d {
            lo += 1;
        }
        count += (hi - lo) as u64;
    }
    count
}
