pub struct Ring {}

impl Ring {
    pub fn new(capacity: usize) -> Ring {
        todo!()
    }

    pub fn push(&mut self, x: i64) -> Option<i64> {
        todo!()
    }

    pub fn pop_oldest(&mut self) -> Option<i64> {
        todo!()
    }

    pub fn get(&self, i: usize) -> Option<i64> {
        todo!()
    }

    pub fn len(&self) -> usize {
        todo!()
    }

    pub fn to_vec(&self) -> Vec<i64> {
        todo!()
    }
}
