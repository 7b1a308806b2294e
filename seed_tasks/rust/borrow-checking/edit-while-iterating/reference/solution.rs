//! Edits that a Python loop would do in place are done by rebuilding the Vec
//! from its old contents, so nothing is mutated while it is borrowed.

pub fn prune_and_expand(v: &mut Vec<i64>) {
    let old = std::mem::take(v);
    for x in old {
        if x < 0 {
            continue;
        }
        if x >= 10 {
            v.push(x / 2);
            v.push(x - x / 2);
        } else {
            v.push(x);
        }
    }
}

pub fn split_off_negatives(v: &mut Vec<i64>) -> Vec<i64> {
    let (removed, kept): (Vec<i64>, Vec<i64>) = v.drain(..).partition(|x| *x < 0);
    *v = kept;
    removed
}
