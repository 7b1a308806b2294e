// JSON-lines driver: [n, store..., (op, a, b)...] -> [result text, store after].
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
        let n = v[0] as usize;
        let mut store = v[1..1 + n].to_vec();
        let ops: Vec<Op> = v[1 + n..]
            .chunks(3)
            .map(|c| match c[0] {
                0 => Op::Push(c[2]),
                1 => Op::Add(c[1] as usize, c[2]),
                _ => Op::Remove(c[1] as usize),
            })
            .collect();
        let r = format!("{:?}", apply_all(&mut store, &ops));
        writeln!(out, "[\"{}\",{:?}]", r, store).unwrap();
        out.flush().unwrap();
    }
}
