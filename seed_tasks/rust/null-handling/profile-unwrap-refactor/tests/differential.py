"""Differential test: [name, nickname, has_address, city, zip, age]; -1 means None."""

from hypothesis import strategies as st

text = st.integers(-1, 2)
strategy = st.tuples(text, text, st.integers(0, 1), text, text, st.integers(-1, 70)).map(list)
max_examples = 100
