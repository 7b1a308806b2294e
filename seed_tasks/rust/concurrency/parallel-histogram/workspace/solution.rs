//! Counters and histograms shared between threads.

use std::collections::HashMap;

pub struct HitCounter {
    // add fields
}

impl HitCounter {
    pub fn new() -> Self {
        todo!()
    }

    pub fn hit(&self) -> usize {
        todo!()
    }

    pub fn hit_many(&self, n: usize) -> usize {
        todo!()
    }

    pub fn get(&self) -> usize {
        todo!()
    }
}

pub struct Histogram {
    // add fields
}

impl Histogram {
    pub fn new(bucket_width: u64, buckets: usize) -> Self {
        todo!()
    }

    pub fn record(&self, value: u64) {
        todo!()
    }

    pub fn counts(&self) -> Vec<usize> {
        todo!()
    }

    pub fn overflow(&self) -> usize {
        todo!()
    }

    pub fn total(&self) -> usize {
        todo!()
    }
}

pub fn parallel_histogram(
    values: &[u64],
    bucket_width: u64,
    buckets: usize,
    threads: usize,
) -> (Vec<usize>, usize) {
    todo!()
}

pub fn parallel_word_count(docs: &[String], threads: usize) -> HashMap<String, usize> {
    todo!()
}
