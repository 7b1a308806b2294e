//! Nested Option handling with combinators: no unwrap, no clones.

pub struct Address {
    pub city: Option<String>,
    pub zip: Option<String>,
}

pub struct User {
    pub name: Option<String>,
    pub nickname: Option<String>,
    pub address: Option<Address>,
    pub age: Option<u32>,
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

pub fn display_name(u: &User) -> String {
    non_empty(&u.nickname)
        .or_else(|| non_empty(&u.name))
        .unwrap_or("anonymous")
        .to_string()
}

pub fn city_label(u: &User) -> String {
    // An empty city still counts as present (legacy behaviour): it gives "".
    match &u.address {
        Some(Address { city: Some(city), .. }) if !city.is_empty() => city.to_uppercase(),
        Some(Address { zip: Some(zip), .. }) => format!("ZIP {zip}"),
        _ => "unknown".to_string(),
    }
}

pub fn age_group(u: &User) -> &'static str {
    match u.age {
        None => "unknown",
        Some(age) if age < 18 => "minor",
        Some(age) if age < 65 => "adult",
        Some(_) => "senior",
    }
}
