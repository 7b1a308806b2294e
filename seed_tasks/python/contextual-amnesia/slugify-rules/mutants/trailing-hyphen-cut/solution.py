import re
import unicodedata

RESERVED = {"admin", "api", "login", "new"}


def slugify(title, max_length=50):
    if max_length < 8:
        raise ValueError("max_length must be at least 8")
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    if not words:
        return "untitled"
    slug = "-".join(words)[:max_length]
    if slug in RESERVED:
        slug += "-page"
    return slug
