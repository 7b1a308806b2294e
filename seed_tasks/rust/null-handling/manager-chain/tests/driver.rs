// JSON-lines driver: [a, b, (emp, mgr | -1)...] (later pairs win) -> [chain(a), depth(a), common(a, b)].
use crate::solution::*;
use std::collections::HashMap;
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
        let (a, b) = (v[0] as u32, v[1] as u32);
        let m: HashMap<u32, Option<u32>> = v[2..]
            .chunks(2)
            .map(|p| (p[0] as u32, if p[1] < 0 { None } else { Some(p[1] as u32) }))
            .collect();
        let d = depth(&m, a).map(|d| d as i64).unwrap_or(-1);
        let c = common_manager(&m, a, b).map(|c| c as i64).unwrap_or(-1);
        writeln!(out, "[{:?},{},{}]", chain(&m, a), d, c).unwrap();
        out.flush().unwrap();
    }
}
