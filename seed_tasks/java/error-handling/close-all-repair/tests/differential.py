"""Differential test: [n, failOpenAt, failReadAt] (-1 = never)."""

from hypothesis import strategies as st

strategy = st.tuples(st.integers(-1, 4), st.integers(-1, 4), st.integers(-1, 4)).map(list)
max_examples = 60
