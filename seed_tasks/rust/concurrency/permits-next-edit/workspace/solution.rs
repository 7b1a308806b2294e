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
                Ok(_) => return true,
                Err(actual) => current = actual,
            }
        }
    }

    /// Total number of permits ever granted by successful `try_acquire` calls.
    pub fn granted(&self) -> u64 {
        self.granted.load(Ordering::SeqCst)
    }

    /// TODO: give back `n` permits.
    pub fn release(&self, n: usize) {
        todo!()
    }

    /// TODO: permits currently held.
    pub fn in_use(&self) -> usize {
        todo!()
    }
}
