//! A ranking report that borrows its inputs: names are returned as `&str`
//! slices of the caller's Strings, nothing is cloned.

pub fn ranked<'a>(names: &'a [String], scores: &[i64]) -> Vec<(&'a str, i64)> {
    let n = names.len().min(scores.len());
    let mut rows: Vec<(&'a str, i64)> = (0..n).map(|i| (names[i].as_str(), scores[i])).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    rows
}

pub fn report(names: &[String], scores: &[i64]) -> String {
    let rows = ranked(names, scores);
    let mut out = String::new();
    for (name, score) in &rows {
        out.push_str(&format!("{name}: {score}\n"));
    }
    let total: i64 = rows.iter().map(|row| row.1).sum();
    out.push_str(&format!("total: {total}\n"));
    match rows.first() {
        Some((best, _)) => out.push_str(&format!("best: {best}\n")),
        None => out.push_str("best: -\n"),
    }
    out
}
