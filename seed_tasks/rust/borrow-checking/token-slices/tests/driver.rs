// JSON-lines driver: a JSON string (no escapes needed: the alphabet has none)
// -> [tokens joined by "|", longest word or "-", words, distinct counts "w=n" joined by "|"].
use crate::solution::*;
use std::io::{BufRead, Write};

pub fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let src = &line.trim()[1..line.trim().len() - 1];
        let toks: Vec<&str> = Tokens::new(src).collect();
        let longest = longest_word(src).unwrap_or("-");
        let stats = word_stats(src);
        let counts: Vec<String> = stats.counts.iter().map(|(w, n)| format!("{w}={n}")).collect();
        writeln!(out, "[\"{}\",\"{}\",{},\"{}\"]", toks.join("|"), longest, stats.words,
                 counts.join("|")).unwrap();
        out.flush().unwrap();
    }
}
