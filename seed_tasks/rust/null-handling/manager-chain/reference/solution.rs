//! Chains of command over `Option` links, tolerant of missing ids and cycles.

use std::collections::HashMap;

pub fn chain(managers: &HashMap<u32, Option<u32>>, start: u32) -> Vec<u32> {
    let mut out = Vec::new();
    if !managers.contains_key(&start) {
        return out;
    }
    let mut current = Some(start);
    while let Some(id) = current {
        if out.contains(&id) {
            break;
        }
        out.push(id);
        current = match managers.get(&id) {
            Some(next) => *next,
            None => None,
        };
    }
    out
}

pub fn depth(managers: &HashMap<u32, Option<u32>>, id: u32) -> Option<usize> {
    let c = chain(managers, id);
    let last = *c.last()?;
    match managers.get(&last) {
        Some(None) => Some(c.len() - 1),
        _ => None,
    }
}

pub fn common_manager(managers: &HashMap<u32, Option<u32>>, a: u32, b: u32) -> Option<u32> {
    let theirs = chain(managers, b);
    chain(managers, a).into_iter().find(|id| theirs.contains(id))
}
