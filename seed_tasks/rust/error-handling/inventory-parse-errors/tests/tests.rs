use crate::solution::*;

#[test]
fn parses_in_order_with_comments_and_blanks() {
    let text = "# stock\n bolt = 10\n\nnut=4\n  # end\n";
    assert_eq!(parse_inventory(text), Ok(vec![("bolt".to_string(), 10), ("nut".to_string(), 4)]));
    assert_eq!(total_quantity(text), Ok(14));
}

#[test]
fn errors_carry_one_based_line_numbers() {
    assert_eq!(parse_inventory("a=1\n\nb"), Err(ParseError::MissingField { line: 3 }));
    assert_eq!(parse_inventory(" = 3"), Err(ParseError::MissingField { line: 1 }));
    assert_eq!(parse_inventory("a=1\nb=x"), Err(ParseError::BadNumber { line: 2 }));
    assert_eq!(parse_inventory("a=-1"), Err(ParseError::BadNumber { line: 1 }));
    assert_eq!(parse_inventory("a="), Err(ParseError::BadNumber { line: 1 }));
    assert_eq!(parse_inventory("a=4294967296"), Err(ParseError::BadNumber { line: 1 }));
}

#[test]
fn first_equals_sign_splits() {
    assert_eq!(parse_inventory("a=b=1"), Err(ParseError::BadNumber { line: 1 }));
}

#[test]
fn duplicates_and_first_error_wins() {
    assert_eq!(parse_inventory("a=1\n#x\na = 2\nzz"),
               Err(ParseError::Duplicate { line: 3, name: "a".to_string() }));
    assert_eq!(parse_inventory("A=1\na=2"), Ok(vec![("A".to_string(), 1), ("a".to_string(), 2)]));
    assert_eq!(total_quantity("q\nq=1"), Err(ParseError::MissingField { line: 1 }));
}

#[test]
fn totals_do_not_overflow_u32() {
    assert_eq!(total_quantity("a=4294967295\nb=4294967295"), Ok(8589934590));
    assert_eq!(total_quantity(""), Ok(0));
}
