//! Line-oriented parsing where every failure becomes a typed error carrying its
//! line number, propagated with `?`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    MissingField { line: usize },
    BadNumber { line: usize },
    Duplicate { line: usize, name: String },
}

fn parse_line(text: &str, line: usize) -> Result<(String, u32), ParseError> {
    let (name, qty) = text.split_once('=').ok_or(ParseError::MissingField { line })?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ParseError::MissingField { line });
    }
    let qty = qty.trim().parse::<u32>().map_err(|_| ParseError::BadNumber { line })?;
    Ok((name.to_string(), qty))
}

pub fn parse_inventory(text: &str) -> Result<Vec<(String, u32)>, ParseError> {
    let mut out: Vec<(String, u32)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (name, qty) = parse_line(trimmed, i + 1)?;
        if out.iter().any(|(seen, _)| *seen == name) {
            return Err(ParseError::Duplicate { line: i + 1, name });
        }
        out.push((name, qty));
    }
    Ok(out)
}

pub fn total_quantity(text: &str) -> Result<u64, ParseError> {
    Ok(parse_inventory(text)?.into_iter().map(|(_, qty)| u64::from(qty)).sum())
}
