use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

pub struct Bank {
    accounts: Mutex<Vec<i64>>,
    transfers: AtomicU64,
}

impl Bank {
    pub fn new(balances: Vec<i64>) -> Bank {
        Bank { accounts: Mutex::new(balances), transfers: AtomicU64::new(0) }
    }

    pub fn transfer(&self, from: usize, to: usize, amount: i64) -> bool {
        let n = self.accounts.lock().unwrap().len();
        if from > n || to > n || from == to || amount < 0 {
            return false;
        }
        let available = self.accounts.lock().unwrap()[from];
        if available < amount {
            return false;
        }
        self.accounts.lock().unwrap()[from] = available - amount;
        self.accounts.lock().unwrap()[to] += amount;
        let done = self.transfers.load(Ordering::SeqCst);
        self.transfers.store(done + 1, Ordering::SeqCst);
        true
    }

    pub fn balance(&self, i: usize) -> Option<i64> {
        self.accounts.lock().unwrap().get(i).copied()
    }

    pub fn total(&self) -> i64 {
        let n = self.accounts.lock().unwrap().len();
        (0..n).map(|i| self.accounts.lock().unwrap()[i]).sum()
    }

    pub fn transfers(&self) -> u64 {
        self.transfers.load(Ordering::SeqCst)
    }
}
