// JSON-lines driver: [n, t, xs...] -> [spread, mean_floor, nth_largest(n), first_above_or(t, 99)] (null for None).
use crate::solution::*;
use std::io::{BufRead, Write};

fn ints(line: &str) -> Vec<i64> {
    line.trim_matches(|c| c == '[' || c == ']' || c == ' ')
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().unwrap())
        .collect()
}

fn show(x: Option<i64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_else(|| "null".to_string())
}

pub fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().lines() {
        let v = ints(&line.unwrap());
        let xs = &v[2..];
        writeln!(out, "[{},{},{},{}]", show(spread(xs)), show(mean_floor(xs)),
                 show(nth_largest(xs, v[0] as usize)), first_above_or(xs, v[1], 99)).unwrap();
        out.flush().unwrap();
    }
}
