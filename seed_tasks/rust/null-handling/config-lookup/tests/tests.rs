use crate::solution::*;
use std::collections::HashMap;

fn cfg(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn port_parses_trimmed_value() {
    assert_eq!(port(&cfg(&[("port", " 8080 ")]), "port", 80), 8080);
}

#[test]
fn port_falls_back() {
    let c = cfg(&[("a", "x"), ("b", ""), ("c", "65536"), ("d", "0"), ("e", "-1")]);
    for key in ["a", "b", "c", "d", "e", "missing"] {
        assert_eq!(port(&c, key, 80), 80, "key {key}");
    }
    assert_eq!(port(&cfg(&[("p", "65535")]), "p", 1), 65535);
}

#[test]
fn first_set_skips_missing_and_empty() {
    let c = cfg(&[("host", ""), ("alt", "example.org"), ("z", "zz")]);
    assert_eq!(first_set(&c, &["nope", "host", "alt", "z"]), Some("example.org"));
    assert_eq!(first_set(&c, &["host", "nope"]), None);
    assert_eq!(first_set(&c, &[]), None);
}

#[test]
fn timeout_rules() {
    assert_eq!(timeout_ms(&cfg(&[])), 30_000);
    assert_eq!(timeout_ms(&cfg(&[("timeout_ms", "250"), ("timeout_s", "9")])), 250);
    assert_eq!(timeout_ms(&cfg(&[("timeout_ms", "soon"), ("timeout_s", "9")])), 9_000);
    assert_eq!(timeout_ms(&cfg(&[("timeout_s", " 9")])), 30_000);
    assert_eq!(timeout_ms(&cfg(&[("timeout_s", "18446744073709552")])), 30_000);
    assert_eq!(timeout_ms(&cfg(&[("timeout_s", "0")])), 0);
}
