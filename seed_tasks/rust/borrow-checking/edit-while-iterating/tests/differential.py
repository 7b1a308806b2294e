"""Differential test: a list of small integers around the 0 and 10 boundaries."""

from hypothesis import strategies as st

strategy = st.lists(st.integers(min_value=-3, max_value=22), max_size=10)
max_examples = 80
