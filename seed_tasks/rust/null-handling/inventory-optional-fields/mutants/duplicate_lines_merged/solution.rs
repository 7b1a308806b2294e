//! Inventory records whose fields may be missing.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub sku: String,
    pub qty: Option<u32>,
    pub price_cents: Option<u64>,
    pub category: Option<String>,
}

pub type Inventory = HashMap<String, Item>;

pub const UNCATEGORIZED: &str = "uncategorized";

/// Parses `key=value` fields separated by `;` (see the task description).
pub fn parse_item(line: &str) -> Option<Item> {
    let mut fields: HashMap<&str, &str> = HashMap::new();
    for segment in line.split(';') {
        if let Some((key, value)) = segment.split_once('=') {
            fields.insert(key.trim(), value.trim());
        }
    }
    let sku = match fields.get("sku") {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => return None,
    };
    let qty = fields.get("qty").and_then(|v| v.parse::<u32>().ok());
    let price_cents = fields.get("price").and_then(|v| v.parse::<u64>().ok());
    let category = match fields.get("cat") {
        Some(c) if !c.is_empty() => Some(c.to_string()),
        _ => None,
    };
    Some(Item { sku, qty, price_cents, category })
}

/// One item per line; unparsable lines are skipped; a later line for the same
/// SKU replaces the earlier one.
pub fn parse_inventory(text: &str) -> Inventory {
    let mut inventory = Inventory::new();
    for line in text.lines() {
        if let Some(item) = parse_item(line) {
            match inventory.get_mut(&item.sku) {
                Some(existing) => {
                    existing.qty = item.qty.or(existing.qty);
                    existing.price_cents = item.price_cents.or(existing.price_cents);
                    existing.category = item.category.or(existing.category.take());
                }
                None => {
                    inventory.insert(item.sku.clone(), item);
                }
            }
        }
    }
    inventory
}

/// Units on hand; 0 for an unknown SKU or an unknown quantity.
pub fn quantity(inventory: &Inventory, sku: &str) -> u32 {
    inventory.get(sku).and_then(|item| item.qty).unwrap_or(0)
}

/// Sum of qty * price over all items; a missing qty or price counts as 0.
pub fn stock_value(inventory: &Inventory) -> u64 {
    inventory
        .values()
        .map(|item| item.qty.unwrap_or(0) as u64 * item.price_cents.unwrap_or(0))
        .sum()
}

/// Total quantity per category; items without a category are counted under
/// `UNCATEGORIZED`. Every category of the inventory appears, even with 0.
pub fn qty_by_category(inventory: &Inventory) -> HashMap<String, u32> {
    let mut totals: HashMap<String, u32> = HashMap::new();
    for item in inventory.values() {
        let category = item
            .category
            .clone()
            .unwrap_or_else(|| UNCATEGORIZED.to_string());
        *totals.entry(category).or_insert(0) += item.qty.unwrap_or_default();
    }
    totals
}

/// The item's own price; otherwise the default price of its category;
/// otherwise `None` (also for an unknown SKU).
pub fn effective_price(
    inventory: &Inventory,
    category_defaults: &HashMap<String, u64>,
    sku: &str,
) -> Option<u64> {
    let item = inventory.get(sku)?;
    if let Some(price) = item.price_cents {
        return Some(price);
    }
    match &item.category {
        Some(category) => category_defaults.get(category).copied(),
        None => None,
    }
}

/// For each `(sku, target)` (in the given order), the number of units to order
/// to reach `target`; SKUs that already have enough are left out.
pub fn restock_plan(inventory: &Inventory, targets: &[(String, u32)]) -> Vec<(String, u32)> {
    let mut plan = Vec::new();
    for (sku, target) in targets {
        let on_hand = quantity(inventory, sku);
        if *target > on_hand {
            plan.push((sku.clone(), target - on_hand));
        }
    }
    plan
}

/// Value of one SKU's stock at its effective price: `None` if the SKU is
/// unknown or has no effective price; an unknown quantity counts as 0.
pub fn item_value(
    inventory: &Inventory,
    category_defaults: &HashMap<String, u64>,
    sku: &str,
) -> Option<u64> {
    let item = inventory.get(sku)?;
    let price = effective_price(inventory, category_defaults, sku)?;
    Some(item.qty.unwrap_or_default() as u64 * price)
}
