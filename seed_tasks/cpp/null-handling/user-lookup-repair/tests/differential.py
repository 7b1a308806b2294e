"""Differential test: [query, manager index of user 0, of user 1, ...]; -1 = no manager.

User i has id i + 1 and name "u<i>"; a manager index always points to an earlier
user, so chains are acyclic.
"""

from hypothesis import strategies as st


@st.composite
def org(draw):
    n = draw(st.integers(0, 5))
    managers = [draw(st.integers(-1, i - 1)) for i in range(n)]
    return [draw(st.integers(0, 6)), *managers]


strategy = org()
max_examples = 100
