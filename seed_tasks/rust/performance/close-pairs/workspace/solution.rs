pub fn count_close_pairs(xs: &[i64], d: i64) -> u64 {
    todo!()
}
