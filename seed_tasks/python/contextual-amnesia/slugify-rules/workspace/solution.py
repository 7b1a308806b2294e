def slugify(title, max_length=50):
    raise NotImplementedError
