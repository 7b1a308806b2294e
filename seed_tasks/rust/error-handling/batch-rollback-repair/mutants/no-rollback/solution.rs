//! All-or-nothing batch edits: the batch runs on the caller's Vec and, when an
//! op fails, the snapshot taken before the batch is put back.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Push(i64),
    Add(usize, i64),
    Remove(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NoSuchIndex,
    Overflow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchError {
    pub at: usize,
    pub kind: ErrorKind,
}

fn apply_one(store: &mut Vec<i64>, op: Op) -> Result<(), ErrorKind> {
    match op {
        Op::Push(v) => store.push(v),
        Op::Add(i, v) => {
            let slot = store.get_mut(i).ok_or(ErrorKind::NoSuchIndex)?;
            *slot = slot.checked_add(v).ok_or(ErrorKind::Overflow)?;
        }
        Op::Remove(i) => {
            if i >= store.len() {
                return Err(ErrorKind::NoSuchIndex);
            }
            store.remove(i);
        }
    }
    Ok(())
}

fn apply_each(store: &mut Vec<i64>, ops: &[Op]) -> Result<usize, BatchError> {
    for at in 0..ops.len() {
        apply_one(store, ops[at]).map_err(|kind| BatchError { at, kind })?;
    }
    Ok(ops.len())
}

pub fn apply_all(store: &mut Vec<i64>, ops: &[Op]) -> Result<usize, BatchError> {
    apply_each(store, ops)
}
