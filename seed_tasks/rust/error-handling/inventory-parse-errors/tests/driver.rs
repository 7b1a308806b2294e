// JSON-lines driver: [line index...] -> [parse result as text, total result as text].
use crate::solution::*;
use std::io::{BufRead, Write};

const LINES: [&str; 10] = ["a=1", " b = 2 ", "", "# c=3", "a=5", "c", "=4", "d=x", "e=4294967295", "f=1=2"];

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
        let text: Vec<&str> = v.iter().map(|&i| LINES[i as usize]).collect();
        let text = text.join("\n");
        let parsed = format!("{:?}", parse_inventory(&text)).replace('"', "'");
        let total = format!("{:?}", total_quantity(&text)).replace('"', "'");
        writeln!(out, "[\"{parsed}\",\"{total}\"]").unwrap();
        out.flush().unwrap();
    }
}
