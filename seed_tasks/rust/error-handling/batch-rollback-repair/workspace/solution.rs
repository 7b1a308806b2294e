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
        Op::Add(i, v) => store[i] += v,
        Op::Remove(i) => {
            if i > store.len() {
                return Err(ErrorKind::NoSuchIndex);
            }
            store.remove(i);
        }
    }
    Ok(())
}

pub fn apply_all(store: &mut Vec<i64>, ops: &[Op]) -> Result<usize, BatchError> {
    for (at, op) in ops.iter().enumerate() {
        apply_one(store, *op).map_err(|kind| BatchError { at, kind })?;
    }
    Ok(ops.len())
}
