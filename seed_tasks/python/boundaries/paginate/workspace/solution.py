def paginate(items, page, per_page):
    raise NotImplementedError
