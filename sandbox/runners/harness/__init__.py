"""Source files the runners ship into the sandbox (test harnesses, drivers)."""

from __future__ import annotations

from importlib.resources import files


def read(name: str) -> str:
    """The text of shipped harness file ``name``."""
    return (files(__name__) / name).read_text(encoding="utf-8")
