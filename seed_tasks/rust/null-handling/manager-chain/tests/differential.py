"""Differential test: [a, b, (employee, manager or -1)...] over ids 0..5."""

from hypothesis import strategies as st

link = st.tuples(st.integers(0, 5), st.integers(-1, 5))
strategy = st.tuples(st.integers(0, 5), st.integers(0, 5), st.lists(link, max_size=7)).map(
    lambda t: [t[0], t[1], *[x for p in t[2] for x in p]])
max_examples = 100
