#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub from: usize,
    pub to: usize,
    pub amount: i64,
}

/// Applies `transfers` to `balances` in order; returns how many were applied.
pub fn apply_transfers(balances: &mut [i64], transfers: &[Transfer]) -> usize {
    let mut applied = 0;
    for t in transfers {
        if t.from > balances.len() || t.to > balances.len() || t.amount < 0 {
            continue;
        }
        let src = &mut balances[t.from];
        let dst = &mut balances[t.to];
        if *src <= t.amount {
            continue;
        }
        *src -= t.amount;
        *dst += t.amount;
        applied += 1;
    }
    applied
}
