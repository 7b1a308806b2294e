// JSON-lines driver: [capacity, (op, x)...] -> [answer per op (-1 for None)..., len, to_vec...].
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
        let mut r = Ring::new(v[0] as usize);
        let mut answer: Vec<i64> = Vec::new();
        for op in v[1..].chunks(2) {
            let got = match op[0] {
                0 => r.push(op[1]),
                1 => r.pop_oldest(),
                _ => r.get(op[1] as usize),
            };
            answer.push(got.unwrap_or(-1));
        }
        answer.push(r.len() as i64);
        answer.extend(r.to_vec());
        writeln!(out, "{:?}", answer).unwrap();
        out.flush().unwrap();
    }
}
