"""Differential test: a script of [op, listener] steps; op 0 on, 1 once, 2 off, 3 emit.

Listener 2 removes listener 0 when called, listener 3 adds listener 1 when called.
"""

from hypothesis import strategies as st

strategy = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)).map(list), max_size=10)
max_examples = 100
