// JSON-lines driver: [(op, a, qa, b, qb)...] -> one answer string per op.
use crate::solution::*;
use std::io::{BufRead, Write};

fn ints(line: &str) -> Vec<i64> {
    line.trim_matches(|c| c == '[' || c == ']' || c == ' ')
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().unwrap())
        .collect()
}

const NAMES: [&str; 3] = ["bolt", "nut", "gear"];

pub fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().lines() {
        let v = ints(&line.unwrap());
        let mut s = Store::new();
        let mut answers: Vec<String> = Vec::new();
        for c in v.chunks(5) {
            let (a, qa, b, qb) = (NAMES[c[1] as usize], c[2] as u32, NAMES[c[3] as usize], c[4] as u32);
            answers.push(match c[0] {
                0 => {
                    s.add(a, qa);
                    "added".to_string()
                }
                1 => format!("{:?}", s.reserve(&[(a, qa), (b, qb)])),
                2 => format!("{:?}", s.ship(a, qa)),
                _ => format!("{} {}", s.available(a), s.low_stock(qa).join("+")),
            });
        }
        let quoted: Vec<String> =
            answers.iter().map(|x| format!("\"{}\"", x.replace('"', "'"))).collect();
        writeln!(out, "[{}]", quoted.join(",")).unwrap();
        out.flush().unwrap();
    }
}
