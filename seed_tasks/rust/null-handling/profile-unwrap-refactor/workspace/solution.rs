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

pub fn display_name(u: &User) -> String {
    if u.nickname.is_some() && u.nickname.clone().unwrap().len() > 0 {
        return u.nickname.clone().unwrap();
    }
    if u.name.is_some() {
        if u.name.clone().unwrap().len() > 0 {
            return u.name.clone().unwrap();
        }
    }
    String::from("anonymous")
}

pub fn city_label(u: &User) -> String {
    if u.address.is_some() {
        let a = u.address.as_ref().unwrap();
        if a.city.is_some() {
            return a.city.clone().unwrap().to_uppercase();
        }
        if a.zip.is_some() {
            return String::from("ZIP ") + &a.zip.clone().unwrap();
        }
    }
    String::from("unknown")
}

pub fn age_group(u: &User) -> &'static str {
    if u.age.is_none() {
        return "unknown";
    }
    let age = u.age.unwrap();
    if age < 18 {
        "minor"
    } else if age < 65 {
        "adult"
    } else {
        "senior"
    }
}
