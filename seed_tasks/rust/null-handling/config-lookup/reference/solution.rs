//! Config lookups as Option chains: every missing or bad value falls back to a
//! default instead of panicking.

use std::collections::HashMap;

pub fn port(cfg: &HashMap<String, String>, key: &str, default: u16) -> u16 {
    cfg.get(key)
        .and_then(|v| v.trim().parse::<u16>().ok())
        .filter(|p| *p != 0)
        .unwrap_or(default)
}

pub fn first_set<'a>(cfg: &'a HashMap<String, String>, keys: &[&str]) -> Option<&'a str> {
    for key in keys {
        match cfg.get(*key) {
            Some(v) if !v.is_empty() => return Some(v.as_str()),
            _ => {}
        }
    }
    None
}

pub fn timeout_ms(cfg: &HashMap<String, String>) -> u64 {
    cfg.get("timeout_ms")
        .and_then(|v| v.parse::<u64>().ok())
        .or_else(|| {
            cfg.get("timeout_s")
                .and_then(|v| v.parse::<u64>().ok())
                .and_then(|s| s.checked_mul(1000))
        })
        .unwrap_or(30_000)
}
