"""Differential test: [workers, buckets, x1, x2, ...]."""

from hypothesis import strategies as st

strategy = st.tuples(st.integers(0, 5), st.integers(0, 4),
                     st.lists(st.integers(0, 20), max_size=12)).map(
    lambda t: [t[0], t[1], *t[2]])
max_examples = 60
