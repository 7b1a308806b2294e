//! Word and grade statistics computed over borrowed data.

use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub name: String,
    pub scores: Vec<u32>,
}

/// Lower-cased words: maximal runs of ASCII alphanumeric characters.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            current.push(ch.to_ascii_lowercase());
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Distinct words in order of first appearance, and the total number of words.
pub fn vocabulary(text: &str) -> (Vec<String>, usize) {
    let words = tokenize(text);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut distinct = Vec::new();
    for w in &words {
        if seen.insert(w.as_str()) {
            distinct.push(w.clone());
        }
    }
    (distinct, words.len())
}

/// The `k` most frequent words with their counts, most frequent first;
/// ties are broken by first appearance in the text.
pub fn top_words(text: &str, k: usize) -> Vec<(String, usize)> {
    let words = tokenize(text);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for w in &words {
        let count = counts.entry(w.as_str()).or_insert(0);
        if *count == 0 {
            order.push(w.as_str());
        }
        *count += 1;
    }
    let mut ranked: Vec<(String, usize)> = order
        .iter()
        .map(|w| (w.to_string(), counts[w]))
        .collect();
    // A stable sort keeps first-appearance order among equal counts.
    ranked.sort_by(|a, b| b.1.cmp(&a.1));
    ranked.truncate(k);
    ranked
}

/// Sum of the scores.
pub fn total(scores: &[u32]) -> u64 {
    let mut sum = 0u64;
    for &s in scores {
        sum += s as u64;
    }
    sum
}

/// (name, total) for every student, sorted by total descending then name
/// ascending, and the names of all students sharing the highest total
/// (in ranking order). Both empty when there are no students.
pub fn rank_students(students: &[Student]) -> (Vec<(String, u64)>, Vec<String>) {
    let mut rows: Vec<(String, u64)> = Vec::new();
    for s in students {
        rows.push((s.name.clone(), total(&s.scores)));
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1));
    let best = rows.first().map(|row| row.1);
    let mut top = Vec::new();
    for row in &rows {
        if Some(row.1) == best {
            top.push(row.0.clone());
        }
    }
    (rows, top)
}

/// Names (in input order) of students with at least one score whose mean score
/// is strictly greater than the mean of all scores of all students pooled.
pub fn above_class_average(students: &[Student]) -> Vec<String> {
    let all: Vec<u32> = students
        .iter()
        .flat_map(|s| s.scores.iter().copied())
        .collect();
    if all.is_empty() {
        return Vec::new();
    }
    let class_sum = total(&all);
    let class_n = all.len() as u64;
    let mut result = Vec::new();
    for s in students {
        if s.scores.is_empty() {
            continue;
        }
        let own_sum = total(&s.scores);
        let own_n = s.scores.len() as u64;
        // own_sum / own_n > class_sum / class_n, without rounding
        if own_sum * class_n > class_sum * own_n {
            result.push(s.name.clone());
        }
    }
    result
}

/// Splits `values` into (evens, odds), each keeping input order, and returns
/// them with their sums: (evens, odds, sum of evens, sum of odds).
pub fn partition_with_sums(values: &Vec<i64>) -> (Vec<i64>, Vec<i64>, i64, i64) {
    let mut evens = Vec::new();
    let mut odds = Vec::new();
    for &v in values {
        if v % 2 == 0 {
            evens.push(v);
        } else {
            odds.push(v);
        }
    }
    let even_sum = sum_i64(&evens);
    let odd_sum = sum_i64(&odds);
    (evens, odds, even_sum, odd_sum)
}

fn sum_i64(values: &[i64]) -> i64 {
    let mut sum = 0;
    for &v in values {
        sum += v;
    }
    sum
}

/// Groups (name, score) pairs by name: one entry per distinct name, in order
/// of first appearance, with that name's scores in input order. Also returns
/// the names that appear more than once (in order of first appearance).
pub fn group_scores(pairs: &[(String, u32)]) -> (Vec<(String, Vec<u32>)>, Vec<String>) {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<u32>> = HashMap::new();
    for (name, score) in pairs {
        let entry = groups.entry(name.clone()).or_default();
        if entry.is_empty() {
            order.push(name.clone());
        }
        entry.push(*score);
    }
    let mut grouped = Vec::new();
    for name in &order {
        grouped.push((name.clone(), groups[name.as_str()].clone()));
    }
    let repeated = order
        .into_iter()
        .filter(|name| groups[name].len() > 1)
        .collect();
    (grouped, repeated)
}
