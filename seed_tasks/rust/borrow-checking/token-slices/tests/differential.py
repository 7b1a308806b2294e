"""Differential test: hypothesis draws short ASCII texts over a small alphabet."""

from hypothesis import strategies as st

strategy = st.text(alphabet="ab_1 +;(", max_size=12)
max_examples = 80
