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

pub fn parse_item(line: &str) -> Option<Item> {
    todo!()
}

pub fn parse_inventory(text: &str) -> Inventory {
    todo!()
}

pub fn quantity(inventory: &Inventory, sku: &str) -> u32 {
    todo!()
}

pub fn stock_value(inventory: &Inventory) -> u64 {
    todo!()
}

pub fn qty_by_category(inventory: &Inventory) -> HashMap<String, u32> {
    todo!()
}

pub fn effective_price(
    inventory: &Inventory,
    category_defaults: &HashMap<String, u64>,
    sku: &str,
) -> Option<u64> {
    todo!()
}

pub fn restock_plan(inventory: &Inventory, targets: &[(String, u32)]) -> Vec<(String, u32)> {
    todo!()
}

pub fn item_value(
    inventory: &Inventory,
    category_defaults: &HashMap<String, u64>,
    sku: &str,
) -> Option<u64> {
    todo!()
}
