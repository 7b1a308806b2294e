"""Differential test: [page, per_page, n] over items 0..n."""

from hypothesis import strategies as st

strategy = st.tuples(st.integers(0, 6), st.integers(0, 4), st.integers(0, 9)).map(list)
max_examples = 100
