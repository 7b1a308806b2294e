// JSON-lines driver: [x1, x2, ...] -> [[expanded...], [negatives...], [kept...]].
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
        let mut a = v.clone();
        prune_and_expand(&mut a);
        let mut b = v.clone();
        let neg = split_off_negatives(&mut b);
        writeln!(out, "[{:?},{:?},{:?}]", a, neg, b).unwrap();
        out.flush().unwrap();
    }
}
