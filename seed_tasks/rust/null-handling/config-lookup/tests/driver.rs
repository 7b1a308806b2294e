// JSON-lines driver: [k, v, ...] (table indices) -> [port, first_set or "-", timeout_ms].
use crate::solution::*;
use std::collections::HashMap;
use std::io::{BufRead, Write};

const KEYS: [&str; 5] = ["port", "timeout_ms", "timeout_s", "host", "alt"];
const VALUES: [&str; 9] = ["", "0", "80", "65536", " 8080", "x", "5", "18446744073709552", "-1"];

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
        let cfg: HashMap<String, String> =
            v.chunks(2).map(|p| (KEYS[p[0] as usize].to_string(), VALUES[p[1] as usize].to_string())).collect();
        let first = first_set(&cfg, &["host", "alt", "port"]).unwrap_or("-");
        writeln!(out, "[{},\"{}\",{}]", port(&cfg, "port", 7), first, timeout_ms(&cfg)).unwrap();
        out.flush().unwrap();
    }
}
