"""Differential test: {"obj": nested JSON, "path": keys, "value": scalar}."""

from hypothesis import strategies as st

keys = st.sampled_from(["a", "b", "0"])
scalars = st.one_of(st.none(), st.integers(-1, 1), st.sampled_from(["", "s"]), st.booleans())
tree = st.recursive(scalars, lambda kids: st.one_of(
    st.dictionaries(keys, kids, max_size=3), st.lists(kids, max_size=2)), max_leaves=6)
path = st.lists(st.one_of(keys, st.integers(0, 1)), max_size=3)
strategy = st.fixed_dictionaries({"obj": tree, "path": path, "value": scalars})
max_examples = 100
