"""Differential test: [capacity, (op, x)...]; op 0 push(x), 1 pop_oldest, 2 get(x)."""

from hypothesis import strategies as st

op = st.tuples(st.integers(0, 2), st.integers(0, 4))
strategy = st.tuples(st.integers(0, 3), st.lists(op, max_size=14)).map(
    lambda t: [t[0], *[x for o in t[1] for x in o]])
max_examples = 100
