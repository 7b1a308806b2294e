def paginate(items, page, per_page):
    if per_page < 1:
        raise ValueError("per_page must be >= 1")
    if page < 1:
        raise ValueError("page must be >= 1")
    total_pages = (len(items) + per_page - 1) // per_page
    if page > total_pages:
        return [], total_pages
    start = (page - 1) * per_page
    return items[start:start + per_page], total_pages
