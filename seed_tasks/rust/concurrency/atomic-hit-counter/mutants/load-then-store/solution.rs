//! Per-bucket hit counts in atomics: every update is a single read-modify-write,
//! so concurrent hits and takes never lose one another's changes.

use std::sync::atomic::{AtomicU64, Ordering};

pub struct HitCounter {
    total: AtomicU64,
    buckets: Vec<AtomicU64>,
}

impl HitCounter {
    pub fn new(buckets: usize) -> HitCounter {
        HitCounter { total: AtomicU64::new(0), buckets: (0..buckets).map(|_| AtomicU64::new(0)).collect() }
    }

    pub fn hit(&self, bucket: usize) -> Option<u64> {
        let slot = self.buckets.get(bucket)?;
        self.total.fetch_add(1, Ordering::SeqCst);
        let n = slot.load(Ordering::SeqCst) + 1;
        slot.store(n, Ordering::SeqCst);
        Some(n)
    }

    pub fn bucket(&self, bucket: usize) -> u64 {
        self.buckets.get(bucket).map(|b| b.load(Ordering::SeqCst)).unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.total.load(Ordering::SeqCst)
    }

    pub fn take(&self, bucket: usize) -> u64 {
        let Some(slot) = self.buckets.get(bucket) else { return 0 };
        let old = slot.swap(0, Ordering::SeqCst);
        self.total.fetch_sub(old, Ordering::SeqCst);
        old
    }
}
