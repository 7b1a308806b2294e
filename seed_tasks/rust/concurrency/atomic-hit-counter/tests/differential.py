"""Differential test: [buckets, op, b, op, b, ...]; op 0 hit, 1 take, 2 bucket, 3 total."""

from hypothesis import strategies as st

op = st.tuples(st.integers(0, 3), st.integers(0, 3))
strategy = st.tuples(st.integers(0, 3), st.lists(op, max_size=12)).map(
    lambda t: [t[0], *[x for o in t[1] for x in o]])
max_examples = 60
