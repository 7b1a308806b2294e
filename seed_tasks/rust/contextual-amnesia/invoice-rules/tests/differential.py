"""Differential test: [coupon or -1, (qty, unit, taxable, gift)...]."""

from hypothesis import strategies as st

qty = st.sampled_from([0, 1, 2, 9, 10, 11])
unit = st.sampled_from([0, 1, 99, 500, 2499, 2500])
line = st.tuples(qty, unit, st.integers(0, 1), st.integers(0, 1))
strategy = st.tuples(st.sampled_from([-1, 0, 5, 50, 51, 90]), st.lists(line, max_size=4)).map(
    lambda t: [t[0], *[x for ln in t[1] for x in ln]])
max_examples = 120
