"""Differential test: [d, x1, x2, ...] with many near-equal values."""

from hypothesis import strategies as st

strategy = st.tuples(st.integers(-1, 4), st.lists(st.integers(-6, 6), max_size=12)).map(
    lambda t: [t[0], *t[1]])
max_examples = 80
