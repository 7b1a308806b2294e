//! Every transfer checks and updates under one lock guard; the success counter
//! is a single atomic read-modify-write.

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
        let mut accounts = self.accounts.lock().unwrap();
        let n = accounts.len();
        if from >= n || to >= n || from == to || amount <= 0 {
            return false;
        }
        let available = accounts[from];
        drop(accounts);
        if available < amount {
            return false;
        }
        let mut accounts = self.accounts.lock().unwrap();
        accounts[from] = available - amount;
        accounts[to] += amount;
        drop(accounts);
        self.transfers.fetch_add(1, Ordering::SeqCst);
        true
    }

    pub fn balance(&self, i: usize) -> Option<i64> {
        self.accounts.lock().unwrap().get(i).copied()
    }

    pub fn total(&self) -> i64 {
        self.accounts.lock().unwrap().iter().sum()
    }

    pub fn transfers(&self) -> u64 {
        self.transfers.load(Ordering::SeqCst)
    }
}
