"""Differential test: [len(names), name ids..., scores...]; name id k is "p<k>"."""

from hypothesis import strategies as st

strategy = st.tuples(st.lists(st.integers(0, 4), max_size=6),
                     st.lists(st.integers(-3, 3), max_size=6)).map(
    lambda t: [len(t[0]), *t[0], *t[1]])
max_examples = 80
