"""Summaries of product reviews (legacy)."""


def summarize(reviews):
    total = 0
    count = 0
    authors = []
    for i in range(0, len(reviews)):
        r = reviews[i]
        if "rating" in r and r["rating"] != None:
            total = total + r["rating"]
            count = count + 1
        if "author" in r and r["author"] != None:
            if not r["author"] in authors:
                authors.append(r["author"])
    if count == 0:
        avg = None
    else:
        avg = round(total / count, 2)
    authors.sort()
    return {"average": avg, "count": count, "authors": authors}
