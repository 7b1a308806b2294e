// JSON-lines driver: [capacity, (op, key, value)...] -> [answers..., keys, len].
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
        let mut c = Lru::new(v[0] as usize);
        let mut answers: Vec<String> = Vec::new();
        for op in v[1..].chunks(3) {
            answers.push(match op[0] {
                0 => format!("{:?}", c.put(op[1], op[2])),
                1 => format!("{:?}", c.get(op[1])),
                _ => format!("{:?}", c.peek(op[1])),
            });
        }
        answers.push(format!("{:?} {}", c.keys(), c.len()));
        let quoted: Vec<String> = answers.iter().map(|a| format!("\"{a}\"")).collect();
        writeln!(out, "[{}]", quoted.join(",")).unwrap();
        out.flush().unwrap();
    }
}
