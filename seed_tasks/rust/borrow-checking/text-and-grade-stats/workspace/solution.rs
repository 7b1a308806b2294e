//! Word and grade statistics computed over borrowed data.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub name: String,
    pub scores: Vec<u32>,
}

pub fn tokenize(text: &str) -> Vec<String> {
    todo!()
}

pub fn vocabulary(text: &str) -> (Vec<String>, usize) {
    todo!()
}

pub fn top_words(text: &str, k: usize) -> Vec<(String, usize)> {
    todo!()
}

pub fn total(scores: &[u32]) -> u64 {
    todo!()
}

pub fn rank_students(students: &[Student]) -> (Vec<(String, u64)>, Vec<String>) {
    todo!()
}

pub fn above_class_average(students: &[Student]) -> Vec<String> {
    todo!()
}

pub fn partition_with_sums(values: &Vec<i64>) -> (Vec<i64>, Vec<i64>, i64, i64) {
    todo!()
}

pub fn group_scores(pairs: &[(String, u32)]) -> (Vec<(String, Vec<u32>)>, Vec<String>) {
    todo!()
}
