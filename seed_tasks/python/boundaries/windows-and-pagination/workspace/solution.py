"""Windowing and pagination helpers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def sliding_windows(
    seq: Iterable[Any] | None,
    size: int,
    step: int | None = None,
    partial: bool = False,
) -> list[list[Any]]:
    raise NotImplementedError


def paginate(items: list[Any] | None, page: int | None, per_page: int | None = None) -> dict:
    raise NotImplementedError


def page_links(current: int | None, total_pages: int, radius: int | None = 2) -> list[int]:
    raise NotImplementedError
