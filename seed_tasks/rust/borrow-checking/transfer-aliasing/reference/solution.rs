#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub from: usize,
    pub to: usize,
    pub amount: i64,
}

/// Applies `transfers` to `balances` in order; returns how many were applied.
///
/// The two accounts are updated one after the other through the slice, so no
/// two mutable borrows of `balances` are alive at the same time.
pub fn apply_transfers(balances: &mut [i64], transfers: &[Transfer]) -> usize {
    let n = balances.len();
    let mut applied = 0;
    for t in transfers {
        if t.from >= n || t.to >= n || t.from == t.to || t.amount <= 0 {
            continue;
        }
        if balances[t.from] < t.amount {
            continue;
        }
        balances[t.from] -= t.amount;
        balances[t.to] += t.amount;
        applied += 1;
    }
    applied
}
