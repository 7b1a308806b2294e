// JSON-lines driver: [n, balances..., (from, to, amount)...] -> [applied, balances...].
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
        let mut balances = v[1..1 + n].to_vec();
        let ts: Vec<Transfer> = v[1 + n..]
            .chunks(3)
            .map(|c| Transfer { from: c[0] as usize, to: c[1] as usize, amount: c[2] })
            .collect();
        let applied = apply_transfers(&mut balances, &ts);
        let mut parts = vec![applied.to_string()];
        parts.extend(balances.iter().map(|b| b.to_string()));
        writeln!(out, "[{}]", parts.join(",")).unwrap();
        out.flush().unwrap();
    }
}
