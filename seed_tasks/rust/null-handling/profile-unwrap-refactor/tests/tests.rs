use crate::solution::*;

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

fn user(name: Option<String>, nickname: Option<String>, address: Option<Address>, age: Option<u32>) -> User {
    User { name, nickname, address, age }
}

#[test]
fn display_name_prefers_non_empty_nickname() {
    assert_eq!(display_name(&user(s("Ann"), s("annie"), None, None)), "annie");
    assert_eq!(display_name(&user(s("Ann"), s(""), None, None)), "Ann");
    assert_eq!(display_name(&user(s(""), None, None, None)), "anonymous");
    assert_eq!(display_name(&user(None, None, None, None)), "anonymous");
}

#[test]
fn city_label_keeps_legacy_empty_city() {
    let a = |city: Option<String>, zip: Option<String>| Some(Address { city, zip });
    assert_eq!(city_label(&user(None, None, a(s("Oslo"), s("0150")), None)), "OSLO");
    assert_eq!(city_label(&user(None, None, a(s(""), s("0150")), None)), "");
    assert_eq!(city_label(&user(None, None, a(None, s("0150")), None)), "ZIP 0150");
    assert_eq!(city_label(&user(None, None, a(None, None), None)), "unknown");
    assert_eq!(city_label(&user(None, None, None, None)), "unknown");
}

#[test]
fn age_group_boundaries() {
    let g = |age| age_group(&user(None, None, None, age));
    assert_eq!(g(None), "unknown");
    assert_eq!((g(Some(0)), g(Some(17)), g(Some(18))), ("minor", "minor", "adult"));
    assert_eq!((g(Some(64)), g(Some(65)), g(Some(99))), ("adult", "senior", "senior"));
}
