// JSON-lines driver: [capacity, (op, n)...] -> one number per op.
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
        let p = Permits::new(v[0] as usize);
        let mut held: usize = 0;
        let mut answer: Vec<i64> = Vec::new();
        for op in v[1..].chunks(2) {
            let n = op[1] as usize;
            answer.push(match op[0] {
                0 => {
                    let ok = p.try_acquire(n);
                    if ok {
                        held += n;
                    }
                    ok as i64
                }
                1 => {
                    let k = n.min(held);
                    p.release(k);
                    held -= k;
                    k as i64
                }
                _ => (p.in_use() * 1000) as i64 + p.granted() as i64,
            });
        }
        writeln!(out, "{:?}", answer).unwrap();
        out.flush().unwrap();
    }
}
