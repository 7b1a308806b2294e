"""Assistant tests: the ones that run the real local model go last (they cost the most)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "local_model: runs the real Qwen2.5-Coder-0.5B through llama-cpp-python")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move real-model tests after every cheaper test of the session."""
    heavy = [i for i in items if i.get_closest_marker("local_model")]
    if heavy:
        rest = [i for i in items if not i.get_closest_marker("local_model")]
        items[:] = rest + heavy
