"""Differential test: ops [op, a, qa, b, qb] (op 0 add, 1 reserve two lines, 2 ship, 3 query)."""

from hypothesis import strategies as st

op = st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 5),
               st.integers(0, 2), st.integers(0, 5))
strategy = st.lists(op, max_size=10).map(lambda ops: [x for o in ops for x in o])
max_examples = 100
