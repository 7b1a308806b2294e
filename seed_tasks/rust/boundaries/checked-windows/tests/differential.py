"""Differential test: [k, x1, x2, ...] with values near the u32/u8 limits."""

from hypothesis import strategies as st

big = st.sampled_from([0, 1, 2, 255, 2**31, 2**32 - 2, 2**32 - 1])
strategy = st.tuples(st.integers(0, 6), st.lists(big, max_size=7)).map(lambda t: [t[0], *t[1]])
max_examples = 80
