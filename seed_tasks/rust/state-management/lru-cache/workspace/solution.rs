pub struct Lru {}

impl Lru {
    pub fn new(capacity: usize) -> Lru {
        todo!()
    }

    pub fn get(&mut self, key: i64) -> Option<i64> {
        todo!()
    }

    pub fn peek(&self, key: i64) -> Option<i64> {
        todo!()
    }

    pub fn put(&mut self, key: i64, value: i64) -> Option<(i64, i64)> {
        todo!()
    }

    pub fn len(&self) -> usize {
        todo!()
    }

    pub fn keys(&self) -> Vec<i64> {
        todo!()
    }
}
