use crate::solution::*;

fn names(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

#[test]
fn callers_keep_their_vectors() {
    let n = names(&["ann", "bob"]);
    let s = vec![3, 5];
    let r = ranked(&n, &s);
    assert_eq!(r, vec![("bob", 5), ("ann", 3)]);
    assert_eq!(report(&n, &s), "bob: 5\nann: 3\ntotal: 8\nbest: bob\n");
    assert_eq!(n.len() + s.len(), 4);
}

#[test]
fn ties_by_name_ascending() {
    let n = names(&["cy", "al", "bo"]);
    assert_eq!(ranked(&n, &[1, 1, 2]), vec![("bo", 2), ("al", 1), ("cy", 1)]);
}

#[test]
fn different_lengths_use_the_shorter() {
    let n = names(&["a", "b", "c"]);
    assert_eq!(report(&n, &[1, -4]), "a: 1\nb: -4\ntotal: -3\nbest: a\n");
    assert_eq!(report(&n[..1], &[7, 8, 9]), "a: 7\ntotal: 7\nbest: a\n");
}

#[test]
fn empty_report() {
    assert_eq!(report(&[], &[]), "total: 0\nbest: -\n");
    assert_eq!(report(&names(&["x"]), &[]), "total: 0\nbest: -\n");
}
