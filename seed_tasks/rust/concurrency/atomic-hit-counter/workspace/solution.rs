pub struct HitCounter {}

impl HitCounter {
    pub fn new(buckets: usize) -> HitCounter {
        todo!()
    }

    pub fn hit(&self, bucket: usize) -> Option<u64> {
        todo!()
    }

    pub fn bucket(&self, bucket: usize) -> u64 {
        todo!()
    }

    pub fn total(&self) -> u64 {
        todo!()
    }

    pub fn take(&self, bucket: usize) -> u64 {
        todo!()
    }
}
