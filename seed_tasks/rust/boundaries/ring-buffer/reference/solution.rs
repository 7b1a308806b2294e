//! A ring buffer over a fixed Vec: `start` is the slot of the oldest value and
//! logical index i lives in slot (start + i) % capacity.

pub struct Ring {
    slots: Vec<i64>,
    start: usize,
    len: usize,
}

impl Ring {
    pub fn new(capacity: usize) -> Ring {
        Ring { slots: vec![0; capacity], start: 0, len: 0 }
    }

    fn slot(&self, i: usize) -> usize {
        (self.start + i) % self.slots.len()
    }

    pub fn push(&mut self, x: i64) -> Option<i64> {
        let cap = self.slots.len();
        if cap == 0 {
            return Some(x);
        }
        if self.len < cap {
            let at = self.slot(self.len);
            self.slots[at] = x;
            self.len += 1;
            return None;
        }
        let oldest = std::mem::replace(&mut self.slots[self.start], x);
        self.start = (self.start + 1) % cap;
        Some(oldest)
    }

    pub fn pop_oldest(&mut self) -> Option<i64> {
        if self.len == 0 {
            return None;
        }
        let value = self.slots[self.start];
        self.start = (self.start + 1) % self.slots.len();
        self.len -= 1;
        Some(value)
    }

    pub fn get(&self, i: usize) -> Option<i64> {
        if i >= self.len {
            return None;
        }
        Some(self.slots[self.slot(i)])
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn to_vec(&self) -> Vec<i64> {
        (0..self.len).map(|i| self.slots[self.slot(i)]).collect()
    }
}
