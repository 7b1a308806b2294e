use std::collections::HashMap;

pub fn port(cfg: &HashMap<String, String>, key: &str, default: u16) -> u16 {
    todo!()
}

pub fn first_set<'a>(cfg: &'a HashMap<String, String>, keys: &[&str]) -> Option<&'a str> {
    todo!()
}

pub fn timeout_ms(cfg: &HashMap<String, String>) -> u64 {
    todo!()
}
