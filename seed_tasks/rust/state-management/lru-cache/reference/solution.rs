//! An LRU cache: values in a HashMap, recency as a queue of keys (front = least
//! recently used). Operations are O(capacity), which is fine for small caches.

use std::collections::{HashMap, VecDeque};

pub struct Lru {
    capacity: usize,
    values: HashMap<i64, i64>,
    order: VecDeque<i64>,
}

impl Lru {
    pub fn new(capacity: usize) -> Lru {
        Lru { capacity, values: HashMap::new(), order: VecDeque::new() }
    }

    fn touch(&mut self, key: i64) {
        if let Some(pos) = self.order.iter().position(|k| *k == key) {
            self.order.remove(pos);
        }
        self.order.push_back(key);
    }

    pub fn get(&mut self, key: i64) -> Option<i64> {
        let value = *self.values.get(&key)?;
        self.touch(key);
        Some(value)
    }

    pub fn peek(&self, key: i64) -> Option<i64> {
        self.values.get(&key).copied()
    }

    pub fn put(&mut self, key: i64, value: i64) -> Option<(i64, i64)> {
        if self.capacity == 0 {
            return Some((key, value));
        }
        if self.values.insert(key, value).is_some() {
            self.touch(key);
            return None;
        }
        self.order.push_back(key);
        if self.order.len() > self.capacity {
            let oldest = self.order.pop_front()?;
            let old_value = self.values.remove(&oldest)?;
            return Some((oldest, old_value));
        }
        None
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn keys(&self) -> Vec<i64> {
        self.order.iter().copied().collect()
    }
}
