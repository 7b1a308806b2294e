//! Stock keeping with reservations. `reserve` first checks the whole order
//! through shared borrows, then applies it through `find_mut`: the check and
//! the update never hold a `&mut` borrow at the same time as a `&` one.

pub struct Item {
    pub name: String,
    pub stock: u32,
    pub reserved: u32,
}

pub struct Store {
    items: Vec<Item>,
}

impl Store {
    pub fn new() -> Store {
        Store { items: Vec::new() }
    }

    fn find(&self, name: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.name == name)
    }

    fn find_mut(&mut self, name: &str) -> Option<&mut Item> {
        self.items.iter_mut().find(|i| i.name == name)
    }

    /// Adds `qty` units of `name` (a new item when unknown).
    pub fn add(&mut self, name: &str, qty: u32) {
        match self.find_mut(name) {
            Some(item) => item.stock += qty,
            None => self.items.push(Item { name: name.to_string(), stock: qty, reserved: 0 }),
        }
    }

    /// Units of `name` that can still be reserved (0 for an unknown item).
    pub fn available(&self, name: &str) -> u32 {
        self.find(name).map(|i| i.stock - i.reserved).unwrap_or(0)
    }

    /// All-or-nothing reservation; quantities of repeated names add up.
    pub fn reserve(&mut self, order: &[(&str, u32)]) -> Result<(), String> {
        let mut wanted: Vec<(&str, u32)> = Vec::new();
        for &(name, qty) in order {
            match wanted.iter_mut().find(|w| w.0 == name) {
                Some(w) => w.1 += qty,
                None => wanted.push((name, qty)),
            }
        }
        for (name, qty) in &wanted {
            if self.available(name) < *qty {
                return Err(name.to_string());
            }
        }
        for (name, qty) in wanted {
            if let Some(item) = self.find_mut(name) {
                item.reserved += qty;
            }
        }
        Ok(())
    }

    /// Ships `qty` reserved units of `name`.
    pub fn ship(&mut self, name: &str, qty: u32) -> Result<(), String> {
        match self.find_mut(name) {
            Some(item) if item.reserved >= qty => {
                item.stock -= qty;
                item.reserved -= qty;
                Ok(())
            }
            _ => Err(name.to_string()),
        }
    }

    /// Names whose available quantity is strictly below `threshold`, in insertion order.
    pub fn low_stock(&self, threshold: u32) -> Vec<&str> {
        let mut out = Vec::new();
        for item in &self.items {
            if item.stock - item.reserved < threshold {
                out.push(item.name.as_str());
            }
        }
        out
    }
}
