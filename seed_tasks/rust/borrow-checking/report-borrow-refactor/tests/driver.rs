// JSON-lines driver: [k, name ids (k of them)..., scores...] -> the report as a JSON string.
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
        let k = v[0] as usize;
        let names: Vec<String> = v[1..1 + k].iter().map(|x| format!("p{x}")).collect();
        let scores = v[1 + k..].to_vec();
        let text = report(&names, &scores).replace('\n', "\\n");
        writeln!(out, "\"{text}\"").unwrap();
        out.flush().unwrap();
    }
}
