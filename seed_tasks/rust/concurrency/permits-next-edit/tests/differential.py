"""Differential test: [capacity, op, n, ...]; op 0 try_acquire, 1 release (held only), 2 query."""

from hypothesis import strategies as st

op = st.tuples(st.integers(0, 2), st.integers(0, 4))
strategy = st.tuples(st.integers(0, 5), st.lists(op, max_size=12)).map(
    lambda t: [t[0], *[x for o in t[1] for x in o]])
max_examples = 60
