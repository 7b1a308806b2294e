// JSON-lines driver: [buckets, (op, b)...] -> answers of the sequential ops, then the
// total after 4 threads each replayed every hit of the input on a fresh counter.
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
        let c = HitCounter::new(v[0] as usize);
        let mut answers: Vec<i64> = Vec::new();
        for op in v[1..].chunks(2) {
            let b = op[1] as usize;
            answers.push(match op[0] {
                0 => c.hit(b).map(|n| n as i64).unwrap_or(-1),
                1 => c.take(b) as i64,
                2 => c.bucket(b) as i64,
                _ => c.total() as i64,
            });
        }
        let shared = HitCounter::new(v[0] as usize);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..2000 {
                        for op in v[1..].chunks(2) {
                            if op[0] == 0 {
                                shared.hit(op[1] as usize);
                            }
                        }
                    }
                });
            }
        });
        answers.push(shared.total() as i64);
        writeln!(out, "{:?}", answers).unwrap();
        out.flush().unwrap();
    }
}
