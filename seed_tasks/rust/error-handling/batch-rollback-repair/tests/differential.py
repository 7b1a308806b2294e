"""Differential test: [n, store..., (op, a, b)...]; op 0 Push(b), 1 Add(a, b), 2 Remove(a)."""

from hypothesis import strategies as st

value = st.sampled_from([-2, 0, 1, 5, 2**62, 2**63 - 1])
op = st.tuples(st.integers(0, 2), st.integers(0, 4), value)
strategy = st.tuples(st.lists(value, max_size=4), st.lists(op, max_size=6)).map(
    lambda t: [len(t[0]), *t[0], *[x for o in t[1] for x in o]])
max_examples = 100
