//! A non-blocking counting semaphore: acquisition is a compare-and-swap loop,
//! release and grant accounting are single atomic read-modify-writes.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

pub struct Permits {
    capacity: usize,
    available: AtomicUsize,
    granted: AtomicU64,
}

impl Permits {
    pub fn new(capacity: usize) -> Permits {
        Permits { capacity, available: AtomicUsize::new(capacity), granted: AtomicU64::new(0) }
    }

    /// Takes `n` permits if they are available.
    pub fn try_acquire(&self, n: usize) -> bool {
        let mut current = self.available.load(Ordering::SeqCst);
        loop {
            if current < n {
                return false;
            }
            match self.available.compare_exchange(current, current - n, Ordering::SeqCst, Ordering::SeqCst) {
                Ok(_) => break,
                Err(actual) => current = actual,
            }
        }
        self.granted.fetch_add(n as u64, Ordering::SeqCst);
        true
    }

    /// Total number of permits ever granted by successful `try_acquire` calls.
    pub fn granted(&self) -> u64 {
        self.granted.load(Ordering::SeqCst)
    }

    /// Gives back `n` permits.
    pub fn release(&self, n: usize) {
        let now = self.available.load(Ordering::SeqCst);
        self.available.store(now + n, Ordering::SeqCst);
    }

    /// Permits currently held.
    pub fn in_use(&self) -> usize {
        self.capacity - self.available.load(Ordering::SeqCst)
    }
}
