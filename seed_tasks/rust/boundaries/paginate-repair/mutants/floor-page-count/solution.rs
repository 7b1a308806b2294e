//! 1-based pagination with every edge (page 0, partial last page, past the end,
//! overflowing page numbers, zero page size) answered without panicking.

pub fn page<T: Clone>(items: &[T], page: usize, per_page: usize) -> Vec<T> {
    if page == 0 || per_page == 0 {
        return Vec::new();
    }
    let Some(start) = (page - 1).checked_mul(per_page) else {
        return Vec::new();
    };
    let start = start.min(items.len());
    let end = start.saturating_add(per_page).min(items.len());
    items[start..end].to_vec()
}

pub fn page_count(total: usize, per_page: usize) -> usize {
    if per_page == 0 {
        return 0;
    }
    total / per_page
}

pub fn page_of(index: usize, per_page: usize) -> Option<usize> {
    index.checked_div(per_page).map(|p| p + 1)
}
