"""Differential test: [lo, hi, sorted xs...]."""

from hypothesis import strategies as st

small = st.integers(-4, 4)
strategy = st.tuples(small, small, st.lists(small, max_size=9)).map(
    lambda t: [t[0], t[1], *sorted(t[2])])
max_examples = 100
