"""Differential test: {"xs": list, "size": int, "start", "end", "step"}."""

from hypothesis import strategies as st

strategy = st.fixed_dictionaries({
    "xs": st.lists(st.integers(0, 9), max_size=8), "size": st.integers(-1, 4),
    "start": st.integers(-4, 4), "end": st.integers(-4, 4), "step": st.integers(-3, 3),
})
max_examples = 100
