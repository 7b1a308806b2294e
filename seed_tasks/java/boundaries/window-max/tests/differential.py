"""Differential test: [k, x1, x2, ...]."""

from hypothesis import strategies as st

strategy = st.tuples(st.integers(-1, 6), st.lists(st.integers(-3, 3), max_size=8)).map(
    lambda t: [t[0], *t[1]])
max_examples = 100
