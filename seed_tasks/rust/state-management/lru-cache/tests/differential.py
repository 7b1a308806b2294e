"""Differential test: [capacity, (op, key, value)...]; op 0 put, 1 get, 2 peek."""

from hypothesis import strategies as st

op = st.tuples(st.integers(0, 2), st.integers(0, 4), st.integers(0, 9))
strategy = st.tuples(st.integers(0, 3), st.lists(op, max_size=14)).map(
    lambda t: [t[0], *[x for o in t[1] for x in o]])
max_examples = 100
