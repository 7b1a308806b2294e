#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    MissingField { line: usize },
    BadNumber { line: usize },
    Duplicate { line: usize, name: String },
}

pub fn parse_inventory(text: &str) -> Result<Vec<(String, u32)>, ParseError> {
    todo!()
}

pub fn total_quantity(text: &str) -> Result<u64, ParseError> {
    todo!()
}
