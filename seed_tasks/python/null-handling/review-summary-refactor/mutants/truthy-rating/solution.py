"""Summaries of product reviews."""


def summarize(reviews):
    present = [r["rating"] for r in reviews if r.get("rating")]
    authors = {r.get("author") for r in reviews if r.get("author")}
    average = round(sum(present) / len(present), 2) if present else None
    return {"average": average, "count": len(present), "authors": sorted(authors)}
