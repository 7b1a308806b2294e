// JSON-lines driver: [page, per_page, n] -> [page(0..n), page_count(n), page_of(n) or -1].
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
        let (p, per, n) = (v[0] as usize, v[1] as usize, v[2] as usize);
        let items: Vec<usize> = (0..n).collect();
        let of = page_of(n, per).map(|x| x as i64).unwrap_or(-1);
        writeln!(out, "[{:?},{},{}]", page(&items, p, per), page_count(n, per), of).unwrap();
        out.flush().unwrap();
    }
}
