"""Summaries of product reviews."""


def summarize(reviews):
    ratings = [r.get("rating", None) for r in reviews]
    present = [rating for rating in ratings if rating is not None]
    authors = {r.get("author", None) for r in reviews} - {None}
    average = round(sum(present) / len(present), 2) if present else None
    return {"average": average, "count": len(present), "authors": sorted(authors)}
