// JSON-lines driver: [k, xs...] -> [checked_total (null on overflow), checksum of xs as bytes (x & 255),
// window_sums(xs, k)].
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
        let xs = &v[1..];
        let u: Vec<u32> = xs.iter().map(|&x| x as u32).collect();
        let b: Vec<u8> = xs.iter().map(|&x| (x & 255) as u8).collect();
        let total = checked_total(&u).map(|t| t.to_string()).unwrap_or_else(|| "null".to_string());
        writeln!(out, "[{},{},{:?}]", total, wrapping_checksum(&b), window_sums(xs, v[0] as usize)).unwrap();
        out.flush().unwrap();
    }
}
