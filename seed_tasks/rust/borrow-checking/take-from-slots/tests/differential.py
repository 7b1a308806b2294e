"""Differential test: [n, op, a, b, op, a, b, ...]; op 0 assign, 1 finish, 2 rename, 3 drain."""

from hypothesis import strategies as st

op = st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 9))
strategy = st.tuples(st.integers(0, 3), st.lists(op, max_size=10)).map(
    lambda t: [t[0], *[x for o in t[1] for x in o]])
max_examples = 80
