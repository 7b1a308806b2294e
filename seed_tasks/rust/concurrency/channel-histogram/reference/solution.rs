//! Scoped worker threads each histogram one contiguous range and send the
//! partial result over an mpsc channel; progress is one shared atomic counter.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

pub fn chunk_bounds(len: usize, workers: usize) -> Vec<(usize, usize)> {
    let w = workers.max(1);
    let (base, extra) = (len / w, len % w);
    let mut out = Vec::with_capacity(w);
    let mut start = 0;
    for i in 0..w {
        let size = base + usize::from(i < extra);
        out.push((start, start + size));
        start += size;
    }
    out
}

pub struct Progress {
    done: AtomicUsize,
}

impl Progress {
    pub fn new() -> Progress {
        Progress { done: AtomicUsize::new(0) }
    }

    pub fn done(&self) -> usize {
        self.done.load(Ordering::SeqCst)
    }
}

pub fn parallel_histogram(data: &[u32], workers: usize, buckets: usize, progress: &Progress) -> Vec<u64> {
    if buckets == 0 {
        return Vec::new();
    }
    let bounds = chunk_bounds(data.len(), workers);
    let (tx, rx) = mpsc::channel::<Vec<u64>>();
    std::thread::scope(|s| {
        for &(start, end) in &bounds {
            let tx = tx.clone();
            s.spawn(move || {
                let mut part = vec![0u64; buckets];
                for &x in &data[start..end] {
                    part[x as usize % buckets] += 1;
                    progress.done.fetch_add(1, Ordering::Relaxed);
                }
                tx.send(part).unwrap();
            });
        }
    });
    drop(tx);
    let mut total = vec![0u64; buckets];
    for part in rx {
        for (t, p) in total.iter_mut().zip(part) {
            *t += p;
        }
    }
    total
}
