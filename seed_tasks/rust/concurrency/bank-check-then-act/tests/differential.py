"""Differential test: [n, balances..., (from, to, amount)...] applied sequentially."""

from hypothesis import strategies as st

balances = st.lists(st.integers(min_value=0, max_value=5), max_size=4)
transfer = st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(-1, 5))
strategy = st.tuples(balances, st.lists(transfer, max_size=6)).map(
    lambda t: [len(t[0]), *t[0], *[x for tr in t[1] for x in tr]])
max_examples = 60
