// JSON-lines driver: [n, (op, a, b)...] -> one string per op plus the busy ids.
use crate::solution::*;
use std::io::{BufRead, Write};

fn ints(line: &str) -> Vec<i64> {
    line.trim_matches(|c| c == '[' || c == ']' || c == ' ')
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().unwrap())
        .collect()
}

fn show(job: Option<Job>) -> String {
    job.map(|j| format!("{}:{}", j.id, j.name)).unwrap_or_else(|| "-".to_string())
}

pub fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().lines() {
        let v = ints(&line.unwrap());
        let mut s = Scheduler::new(v[0] as usize);
        let mut answers: Vec<String> = Vec::new();
        for c in v[1..].chunks(3) {
            let (slot, x) = (c[1] as usize, c[2]);
            answers.push(match c[0] {
                0 => match s.assign(slot, Job { id: x as u32, name: format!("j{x}") }) {
                    Ok(prev) => format!("ok {}", show(prev)),
                    Err(j) => format!("err {}", show(Some(j))),
                },
                1 => show(s.finish(slot)),
                2 => s.rename(slot, &format!("r{x}")).unwrap_or_else(|| "-".to_string()),
                _ => s.drain_finished().join("+"),
            });
        }
        answers.push(format!("{:?}", s.busy()));
        let quoted: Vec<String> = answers.iter().map(|a| format!("\"{a}\"")).collect();
        writeln!(out, "[{}]", quoted.join(",")).unwrap();
        out.flush().unwrap();
    }
}
