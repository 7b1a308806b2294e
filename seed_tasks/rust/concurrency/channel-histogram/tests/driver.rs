// JSON-lines driver: [workers, buckets, data...] -> [bounds flattened, histogram, progress].
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
        let data: Vec<u32> = v[2..].iter().map(|&x| x as u32).collect();
        let bounds: Vec<usize> =
            chunk_bounds(data.len(), v[0] as usize).into_iter().flat_map(|(a, b)| [a, b]).collect();
        let p = Progress::new();
        let h = parallel_histogram(&data, v[0] as usize, v[1] as usize, &p);
        writeln!(out, "[{:?},{:?},{}]", bounds, h, p.done()).unwrap();
        out.flush().unwrap();
    }
}
