"""Differential test: a list of line indices into the driver's LINES table."""

from hypothesis import strategies as st

strategy = st.lists(st.integers(0, 9), max_size=6)
max_examples = 100
