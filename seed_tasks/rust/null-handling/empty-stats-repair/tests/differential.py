"""Differential test: [n, t, x1, x2, ...]."""

from hypothesis import strategies as st

strategy = st.tuples(st.integers(0, 6), st.integers(-4, 4),
                     st.lists(st.integers(-5, 5), max_size=6)).map(lambda t: [t[0], t[1], *t[2]])
max_examples = 80
