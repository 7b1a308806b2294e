pub fn page<T: Clone>(items: &[T], page: usize, per_page: usize) -> Vec<T> {
    let start = page * per_page;
    let end = start + per_page;
    items[start..end].to_vec()
}

pub fn page_count(total: usize, per_page: usize) -> usize {
    total / per_page
}

pub fn page_of(index: usize, per_page: usize) -> Option<usize> {
    Some(index / per_page)
}
