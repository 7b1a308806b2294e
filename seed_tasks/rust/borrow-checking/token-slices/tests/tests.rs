use crate::solution::*;

#[test]
fn splits_words_and_punctuation() {
    let got: Vec<&str> = Tokens::new("  a+=b_1 (x)\n").collect();
    assert_eq!(got, vec!["a", "+", "=", "b_1", "(", "x", ")"]);
}

#[test]
fn empty_and_blank() {
    assert_eq!(Tokens::new("").count(), 0);
    assert_eq!(Tokens::new(" \t\n ").count(), 0);
    assert_eq!(longest_word("   "), None);
    assert_eq!(longest_word("+ - *"), None);
}

#[test]
fn word_at_very_end() {
    let got: Vec<&str> = Tokens::new("x;yz").collect();
    assert_eq!(got, vec!["x", ";", "yz"]);
}

#[test]
fn tokens_outlive_the_tokenizer() {
    let text = String::from("alpha beta,gamma");
    let kept: Vec<&str>;
    {
        let mut t = Tokens::new(&text);
        let first = t.next().unwrap();
        kept = vec![first, t.next().unwrap()];
    }
    assert_eq!(kept, vec!["alpha", "beta"]);
}

#[test]
fn longest_first_wins_on_ties() {
    assert_eq!(longest_word("ab cd ef"), Some("ab"));
    assert_eq!(longest_word("x yyy zzz w"), Some("yyy"));
    assert_eq!(longest_word("!!! aa"), Some("aa"));
}

#[test]
fn stats_count_words_only() {
    let s = word_stats("b a, b; c b");
    assert_eq!(s.words, 5);
    assert_eq!(s.counts, vec![("b", 3), ("a", 1), ("c", 1)]);
    let e = word_stats(" ;; ");
    assert_eq!(e.words, 0);
    assert!(e.counts.is_empty());
}
