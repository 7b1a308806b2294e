// JSON-lines driver: [n, balances..., (from, to, amount)...] -> [ok flags..., balances..., total, count].
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
        let bank = Bank::new(v[1..1 + n].to_vec());
        let mut answer: Vec<i64> = v[1 + n..]
            .chunks(3)
            .map(|c| bank.transfer(c[0] as usize, c[1] as usize, c[2]) as i64)
            .collect();
        answer.extend((0..=n).map(|i| bank.balance(i).unwrap_or(-1)));
        answer.push(bank.total());
        answer.push(bank.transfers() as i64);
        writeln!(out, "{:?}", answer).unwrap();
        out.flush().unwrap();
    }
}
