use crate::solution::*;
use std::collections::HashMap;

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }
}

const SKUS: [&str; 6] = ["A1", "B-2", "c3", "D_4", "e5", "F6"];
const CATS: [&str; 3] = ["tools", "toys", "food"];

fn item(sku: &str, qty: Option<u32>, price: Option<u64>, cat: Option<&str>) -> Item {
    Item {
        sku: sku.to_string(),
        qty,
        price_cents: price,
        category: cat.map(|c| c.to_string()),
    }
}

fn inv_of(items: Vec<Item>) -> Inventory {
    items.into_iter().map(|i| (i.sku.clone(), i)).collect()
}

fn random_item(rng: &mut Rng) -> Item {
    Item {
        sku: SKUS[rng.below(SKUS.len() as u64) as usize].to_string(),
        qty: if rng.chance(3) { None } else { Some(rng.below(50) as u32) },
        price_cents: if rng.chance(3) { None } else { Some(rng.below(1000)) },
        category: if rng.chance(3) { None } else { Some(CATS[rng.below(3) as usize].to_string()) },
    }
}

fn random_inventory(rng: &mut Rng) -> Inventory {
    let n = rng.below(7);
    inv_of((0..n).map(|_| random_item(rng)).collect())
}

fn random_defaults(rng: &mut Rng) -> HashMap<String, u64> {
    let mut defaults = HashMap::new();
    for c in CATS.iter() {
        if rng.chance(2) {
            defaults.insert(c.to_string(), rng.below(500));
        }
    }
    defaults
}

/// Renders an item as a line, with random spacing, field order, junk and
/// invalid spellings for missing values.
fn render(rng: &mut Rng, it: &Item) -> String {
    let pad = |rng: &mut Rng| -> &'static str { [" ", "", "  ", "\t"][rng.below(4) as usize] };
    let mut fields: Vec<String> = Vec::new();
    fields.push(format!("{}sku{}={}{}", pad(rng), pad(rng), pad(rng), it.sku));
    match it.qty {
        Some(q) => fields.push(format!("qty={}{}", pad(rng), q)),
        None => {
            let bad = ["", "-1", "3.5", "ten", "99999999999"][rng.below(6).min(4) as usize];
            if !rng.chance(2) {
                fields.push(format!("qty={}", bad));
            }
        }
    }
    match it.price_cents {
        Some(p) => fields.push(format!("price = {}", p)),
        None => {
            if rng.chance(2) {
                fields.push(["price=", "price=abc", "price=-5"][rng.below(3) as usize].to_string());
            }
        }
    }
    match &it.category {
        Some(c) => fields.push(format!("cat={}{}", c, pad(rng))),
        None => {
            if rng.chance(2) {
                fields.push("cat= ".to_string());
            }
        }
    }
    if rng.chance(3) {
        fields.push("note=x=y".to_string());
    }
    if rng.chance(4) {
        fields.push("garbage".to_string());
    }
    // shuffle
    for i in (1..fields.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        fields.swap(i, j);
    }
    let mut line = fields.join(";");
    if rng.chance(4) {
        line.push(';');
    }
    line
}

#[test]
fn parse_item_examples() {
    assert_eq!(
        parse_item("sku=AB-1; qty=3; price=250; cat=tools"),
        Some(item("AB-1", Some(3), Some(250), Some("tools")))
    );
    assert_eq!(parse_item("sku=X"), Some(item("X", None, None, None)));
    assert_eq!(
        parse_item("  cat = toys ;sku= Y ;qty=;price=12x"),
        Some(item("Y", None, None, Some("toys")))
    );
    assert_eq!(parse_item("qty=-1;sku=Z;price=0;cat="), Some(item("Z", None, Some(0), None)));
    assert_eq!(parse_item("sku=Q;qty=4294967295"), Some(item("Q", Some(u32::MAX), None, None)));
    assert_eq!(parse_item("sku=Q;qty=4294967296"), Some(item("Q", None, None, None)));
    assert_eq!(parse_item("sku=a;sku=b;qty=1;qty=2"), Some(item("b", Some(2), None, None)));
    assert_eq!(parse_item("sku=S;cat=a=b;junk;;"), Some(item("S", None, None, Some("a=b"))));
    assert_eq!(parse_item(""), None);
    assert_eq!(parse_item("qty=3;price=4"), None);
    assert_eq!(parse_item("sku=;qty=3"), None);
    assert_eq!(parse_item("sku=   ;qty=3"), None);
    assert_eq!(parse_item("sku"), None);
}

#[test]
fn parse_inventory_examples() {
    let text = "sku=A;qty=1\n\nnot a record\nsku=B;price=5;cat=toys\nsku=A;price=7\n;;\n";
    let inv = parse_inventory(text);
    assert_eq!(inv.len(), 2);
    assert_eq!(inv["A"], item("A", None, Some(7), None));
    assert_eq!(inv["B"], item("B", None, Some(5), Some("toys")));
    assert!(parse_inventory("").is_empty());
    assert!(parse_inventory("\n\nqty=1\n").is_empty());
}

#[test]
fn parse_roundtrip_random() {
    let mut rng = Rng::new(21);
    for _ in 0..500 {
        let n = rng.below(8);
        let items: Vec<Item> = (0..n).map(|_| random_item(&mut rng)).collect();
        let mut lines: Vec<String> = Vec::new();
        for it in items.iter() {
            let line = render(&mut rng, it);
            assert_eq!(parse_item(&line), Some(it.clone()), "line {:?}", line);
            lines.push(line);
            if rng.chance(3) {
                lines.push(["", "qty=1;price=2", "sku=;cat=x", "# comment"][rng.below(4) as usize].to_string());
            }
        }
        let text = lines.join("\n");
        let expected: Inventory = inv_of(items.clone());
        assert_eq!(parse_inventory(&text), expected, "text {:?}", text);
    }
}

fn sample_inventory() -> Inventory {
    inv_of(vec![
        item("A", Some(3), Some(100), Some("tools")),
        item("B", None, Some(50), Some("tools")),
        item("C", Some(2), None, Some("toys")),
        item("D", Some(5), Some(10), None),
        item("E", None, None, None),
        item("F", None, None, Some("food")),
    ])
}

#[test]
fn quantity_examples() {
    let inv = sample_inventory();
    assert_eq!(quantity(&inv, "A"), 3);
    assert_eq!(quantity(&inv, "B"), 0);
    assert_eq!(quantity(&inv, "E"), 0);
    assert_eq!(quantity(&inv, "nope"), 0);
    assert_eq!(quantity(&Inventory::new(), "A"), 0);
}

#[test]
fn stock_value_examples() {
    let inv = sample_inventory();
    assert_eq!(stock_value(&inv), 3 * 100 + 5 * 10);
    assert_eq!(stock_value(&Inventory::new()), 0);
    assert_eq!(stock_value(&inv_of(vec![item("X", None, Some(9), None)])), 0);
    assert_eq!(stock_value(&inv_of(vec![item("X", Some(9), None, None)])), 0);
    assert_eq!(
        stock_value(&inv_of(vec![item("X", Some(u32::MAX), Some(1 << 20), None)])),
        (u32::MAX as u64) << 20
    );
}

#[test]
fn qty_by_category_examples() {
    let inv = sample_inventory();
    let totals = qty_by_category(&inv);
    let expected: HashMap<String, u32> = [("tools", 3), ("toys", 2), (UNCATEGORIZED, 5), ("food", 0)]
        .iter()
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
    assert_eq!(totals, expected);
    assert!(qty_by_category(&Inventory::new()).is_empty());
    let only_unknown = qty_by_category(&inv_of(vec![item("E", None, None, None)]));
    assert_eq!(only_unknown.len(), 1);
    assert_eq!(only_unknown[UNCATEGORIZED], 0);
}

#[test]
fn price_and_value_examples() {
    let inv = sample_inventory();
    let defaults: HashMap<String, u64> = [("toys".to_string(), 40), ("tools".to_string(), 999)].into_iter().collect();
    assert_eq!(effective_price(&inv, &defaults, "A"), Some(100));
    assert_eq!(effective_price(&inv, &defaults, "C"), Some(40));
    assert_eq!(effective_price(&inv, &defaults, "D"), Some(10));
    assert_eq!(effective_price(&inv, &defaults, "E"), None);
    assert_eq!(effective_price(&inv, &defaults, "F"), None);
    assert_eq!(effective_price(&inv, &defaults, "missing"), None);
    assert_eq!(effective_price(&inv, &HashMap::new(), "C"), None);
    assert_eq!(item_value(&inv, &defaults, "A"), Some(300));
    assert_eq!(item_value(&inv, &defaults, "B"), Some(0));
    assert_eq!(item_value(&inv, &defaults, "C"), Some(80));
    assert_eq!(item_value(&inv, &defaults, "E"), None);
    assert_eq!(item_value(&inv, &defaults, "missing"), None);
}

#[test]
fn restock_examples() {
    let inv = sample_inventory();
    let targets: Vec<(String, u32)> = vec![
        ("A".into(), 10),
        ("B".into(), 4),
        ("D".into(), 5),
        ("zz".into(), 2),
        ("C".into(), 1),
        ("E".into(), 0),
    ];
    assert_eq!(
        restock_plan(&inv, &targets),
        vec![("A".to_string(), 7), ("B".to_string(), 4), ("zz".to_string(), 2)]
    );
    assert_eq!(restock_plan(&inv, &[]), vec![]);
    assert_eq!(restock_plan(&Inventory::new(), &[("q".to_string(), 3)]), vec![("q".to_string(), 3)]);
}

#[test]
fn queries_match_models_on_random_inventories() {
    let mut rng = Rng::new(5);
    for _ in 0..600 {
        let inv = random_inventory(&mut rng);
        let defaults = random_defaults(&mut rng);
        let mut value = 0u64;
        let mut cats: HashMap<String, u32> = HashMap::new();
        for it in inv.values() {
            let q = match it.qty {
                Some(q) => q,
                None => 0,
            };
            let p = match it.price_cents {
                Some(p) => p,
                None => 0,
            };
            value += q as u64 * p;
            let c = match &it.category {
                Some(c) => c.clone(),
                None => UNCATEGORIZED.to_string(),
            };
            *cats.entry(c).or_insert(0) += q;
        }
        assert_eq!(stock_value(&inv), value);
        assert_eq!(qty_by_category(&inv), cats);
        let mut targets: Vec<(String, u32)> = Vec::new();
        for sku in SKUS.iter().chain(["nope"].iter()) {
            let known = inv.get(*sku);
            let q = known.and_then(|i| i.qty).map_or(0, |q| q);
            assert_eq!(quantity(&inv, sku), q);
            let expected_price = match known {
                None => None,
                Some(i) => match i.price_cents {
                    Some(p) => Some(p),
                    None => match &i.category {
                        Some(c) => defaults.get(c).copied(),
                        None => None,
                    },
                },
            };
            assert_eq!(effective_price(&inv, &defaults, sku), expected_price);
            assert_eq!(item_value(&inv, &defaults, sku), expected_price.map(|p| q as u64 * p));
            targets.push((sku.to_string(), rng.below(60) as u32));
        }
        let expected_plan: Vec<(String, u32)> = targets
            .iter()
            .filter_map(|(s, t)| {
                let have = inv.get(s).and_then(|i| i.qty).map_or(0, |q| q);
                if *t > have {
                    Some((s.clone(), t - have))
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(restock_plan(&inv, &targets), expected_plan);
    }
}
