from hypothesis import given, settings, strategies as st

from solution import summarize


def legacy(reviews):
    total = 0
    count = 0
    authors = []
    for r in reviews:
        if "rating" in r and r["rating"] is not None:
            total += r["rating"]
            count += 1
        if "author" in r and r["author"] is not None and r["author"] not in authors:
            authors.append(r["author"])
    avg = None if count == 0 else round(total / count, 2)
    return {"average": avg, "count": count, "authors": sorted(authors)}


def test_examples():
    assert summarize([]) == {"average": None, "count": 0, "authors": []}
    reviews = [{"rating": 0, "author": ""}, {"rating": None, "author": "b"}, {"author": None},
               {"rating": 5}, {"rating": 4, "author": "b"}]
    assert summarize(reviews) == {"average": 3.0, "count": 3, "authors": ["", "b"]}
    assert summarize([{"rating": 1}, {"rating": 2}, {"rating": 2}])["average"] == 1.67


review = st.fixed_dictionaries(
    {},
    optional={"rating": st.one_of(st.none(), st.integers(0, 5)),
              "author": st.one_of(st.none(), st.sampled_from(["", "al", "bo", "cy"]))},
)


@settings(max_examples=200)
@given(st.lists(review, max_size=8))
def test_same_as_legacy(reviews):
    assert summarize(reviews) == legacy(reviews)
