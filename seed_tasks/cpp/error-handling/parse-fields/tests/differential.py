"""Differential test: field indices into the driver's FIELDS table; -1 starts a new line."""

from hypothesis import strategies as st

strategy = st.lists(st.integers(-1, 9), max_size=7)
max_examples = 100
