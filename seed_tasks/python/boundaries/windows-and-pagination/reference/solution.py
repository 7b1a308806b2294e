"""Windowing and pagination helpers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

DEFAULT_PER_PAGE = 10
DEFAULT_RADIUS = 2


def sliding_windows(
    seq: Iterable[Any] | None,
    size: int,
    step: int | None = None,
    partial: bool = False,
) -> list[list[Any]]:
    if size is None or size < 1:
        raise ValueError(f"size must be >= 1, got {size!r}")
    if step is None:
        step = size
    if step < 1:
        raise ValueError(f"step must be >= 1, got {step!r}")
    if seq is None:
        return []
    items = list(seq)
    n = len(items)
    windows = []
    for start in range(0, n, step):
        end = start + size
        if end <= n:
            windows.append(items[start:end])
        elif partial:
            windows.append(items[start:n])
    return windows


def paginate(items: list[Any] | None, page: int | None, per_page: int | None = None) -> dict:
    if items is None:
        items = []
    if per_page is None:
        per_page = DEFAULT_PER_PAGE
    if per_page < 1:
        raise ValueError(f"per_page must be >= 1, got {per_page!r}")
    if page is None:
        page = 1
    if page < 1:
        raise ValueError(f"page must be >= 1, got {page!r}")
    total = len(items)
    pages = max(1, -(-total // per_page))
    start = (page - 1) * per_page
    stop = min(start + per_page, total)
    chunk = [items[i] for i in range(start, stop)]
    return {
        "items": chunk,
        "page": page,
        "pages": pages,
        "total": total,
        "has_prev": page > 1,
        "has_next": page < pages,
        "first_index": start + 1 if chunk else None,
        "last_index": start + len(chunk) if chunk else None,
    }


def page_links(current: int | None, total_pages: int, radius: int | None = 2) -> list[int]:
    if radius is None:
        radius = DEFAULT_RADIUS
    if radius < 0:
        raise ValueError(f"radius must be >= 0, got {radius!r}")
    if total_pages < 1:
        return []
    if current is None:
        current = 1
    current = min(max(current, 1), total_pages)
    lo = max(1, current - radius)
    hi = min(total_pages, current + radius)
    return [p for p in range(lo, hi + 1)]
