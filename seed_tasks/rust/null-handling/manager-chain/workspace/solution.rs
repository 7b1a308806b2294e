use std::collections::HashMap;

pub fn chain(managers: &HashMap<u32, Option<u32>>, start: u32) -> Vec<u32> {
    todo!()
}

pub fn depth(managers: &HashMap<u32, Option<u32>>, id: u32) -> Option<usize> {
    todo!()
}

pub fn common_manager(managers: &HashMap<u32, Option<u32>>, a: u32, b: u32) -> Option<u32> {
    todo!()
}
