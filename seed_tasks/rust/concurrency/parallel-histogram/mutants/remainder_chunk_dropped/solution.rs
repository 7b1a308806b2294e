//! Counters and histograms shared between threads.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;

/// A counter that many threads can bump through a shared reference.
#[derive(Debug, Default)]
pub struct HitCounter {
    hits: AtomicUsize,
}

impl HitCounter {
    pub fn new() -> Self {
        HitCounter { hits: AtomicUsize::new(0) }
    }

    /// Adds one hit and returns the number of hits before this one (a ticket).
    pub fn hit(&self) -> usize {
        self.hits.fetch_add(1, Ordering::SeqCst)
    }

    /// Adds `n` hits at once and returns the number of hits before them.
    pub fn hit_many(&self, n: usize) -> usize {
        self.hits.fetch_add(n, Ordering::SeqCst)
    }

    pub fn get(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// Fixed-width buckets `[0, w), [w, 2w), ...`; values past the last bucket go
/// to an overflow count.
#[derive(Debug)]
pub struct Histogram {
    width: u64,
    buckets: Vec<AtomicUsize>,
    overflow: AtomicUsize,
}

impl Histogram {
    /// Panics if `bucket_width == 0` or `buckets == 0`.
    pub fn new(bucket_width: u64, buckets: usize) -> Self {
        assert!(bucket_width > 0, "bucket_width must be positive");
        assert!(buckets > 0, "need at least one bucket");
        Histogram {
            width: bucket_width,
            buckets: (0..buckets).map(|_| AtomicUsize::new(0)).collect(),
            overflow: AtomicUsize::new(0),
        }
    }

    pub fn record(&self, value: u64) {
        let index = value / self.width;
        if index < self.buckets.len() as u64 {
            self.buckets[index as usize].fetch_add(1, Ordering::Relaxed);
        } else {
            self.overflow.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn counts(&self) -> Vec<usize> {
        self.buckets.iter().map(|b| b.load(Ordering::Relaxed)).collect()
    }

    pub fn overflow(&self) -> usize {
        self.overflow.load(Ordering::Relaxed)
    }

    pub fn total(&self) -> usize {
        self.counts().iter().sum::<usize>() + self.overflow()
    }
}

/// Histogram of `values` computed by `threads` worker threads (0 means 1),
/// each recording a contiguous chunk into one shared `Histogram`.
/// Returns `(counts, overflow)`.
pub fn parallel_histogram(
    values: &[u64],
    bucket_width: u64,
    buckets: usize,
    threads: usize,
) -> (Vec<usize>, usize) {
    let histogram = Histogram::new(bucket_width, buckets);
    let threads = threads.max(1);
    let chunk = values.len() / threads;
    if chunk > 0 {
        thread::scope(|scope| {
            for part in values.chunks(chunk).take(threads) {
                let histogram = &histogram;
                scope.spawn(move || {
                    for &v in part {
                        histogram.record(v);
                    }
                });
            }
        });
    }
    (histogram.counts(), histogram.overflow())
}

/// Counts whitespace-separated words over all documents using `threads`
/// worker threads (0 means 1). Each worker counts its share of documents
/// locally and merges the result into a shared map under a mutex.
pub fn parallel_word_count(docs: &[String], threads: usize) -> HashMap<String, usize> {
    let merged: Mutex<HashMap<String, usize>> = Mutex::new(HashMap::new());
    let threads = threads.max(1);
    let chunk = (docs.len() + threads - 1) / threads;
    if chunk > 0 {
        thread::scope(|scope| {
            for part in docs.chunks(chunk) {
                let merged = &merged;
                scope.spawn(move || {
                    let mut local: HashMap<String, usize> = HashMap::new();
                    for doc in part {
                        for word in doc.split_whitespace() {
                            *local.entry(word.to_string()).or_insert(0) += 1;
                        }
                    }
                    let mut shared = merged.lock().unwrap();
                    for (word, n) in local {
                        *shared.entry(word).or_insert(0) += n;
                    }
                });
            }
        });
    }
    merged.into_inner().unwrap()
}
