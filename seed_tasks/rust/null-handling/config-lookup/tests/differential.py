"""Differential test: [k, v, k, v, ...] as indices into the driver's KEYS and VALUES tables."""

from hypothesis import strategies as st

strategy = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 8)), max_size=6).map(
    lambda pairs: [x for p in pairs for x in p])
max_examples = 80
