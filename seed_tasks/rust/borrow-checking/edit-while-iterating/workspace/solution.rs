pub fn prune_and_expand(v: &mut Vec<i64>) {
    for (i, x) in v.iter().enumerate() {
        if *x < 0 {
            v.remove(i);
        } else if *x >= 10 {
            v[i] = *x / 2;
            v.insert(i + 1, *x - *x / 2);
        }
    }
}

pub fn split_off_negatives(v: &mut Vec<i64>) -> Vec<i64> {
    let mut removed = Vec::new();
    for (i, x) in v.iter().enumerate() {
        if *x < 0 {
            removed.push(v.remove(i));
        }
    }
    removed
}
