"""Differential test: [mapNull, knownId, name, email, hasAddress, city, ordersNull, orders...].

Text fields are indices into the driver's tables (-1 = null); an order of -99 is a null entry.
"""

from hypothesis import strategies as st

strategy = st.tuples(
    st.integers(0, 1), st.integers(0, 1), st.integers(-1, 1), st.integers(-1, 3),
    st.integers(0, 1), st.integers(-1, 1), st.integers(0, 1),
    st.lists(st.sampled_from([-99, -1, 0, 2, 7]), max_size=5),
).map(lambda t: [*t[:7], *t[7]])
max_examples = 100
