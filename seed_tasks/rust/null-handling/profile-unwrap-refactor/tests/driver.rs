// JSON-lines driver: [name, nick, has_addr, city, zip, age] (text index into WORDS, -1 None)
// -> [display_name, city_label, age_group].
use crate::solution::*;
use std::io::{BufRead, Write};

const WORDS: [&str; 3] = ["", "ann", "Oslo"];

fn ints(line: &str) -> Vec<i64> {
    line.trim_matches(|c| c == '[' || c == ']' || c == ' ')
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().unwrap())
        .collect()
}

fn text(i: i64) -> Option<String> {
    if i < 0 { None } else { Some(WORDS[i as usize].to_string()) }
}

pub fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().lines() {
        let v = ints(&line.unwrap());
        let address = if v[2] == 1 { Some(Address { city: text(v[3]), zip: text(v[4]) }) } else { None };
        let age = if v[5] < 0 { None } else { Some(v[5] as u32) };
        let u = User { name: text(v[0]), nickname: text(v[1]), address, age };
        writeln!(out, "[\"{}\",\"{}\",\"{}\"]", display_name(&u), city_label(&u), age_group(&u)).unwrap();
        out.flush().unwrap();
    }
}
