"""The HTML report: one self-contained file (inline CSS and SVG, no CDN, no script).

:func:`render` builds it from a night's summary and the earlier nights'
summaries; :mod:`.charts` draws the SVG charts, :mod:`.page` the page, and
:mod:`.exploration` (with :mod:`.lineage`) the "Adaptive exploration" section,
registered as ``("report", "exploration")``.
"""

from __future__ import annotations

from codecanary.report import exploration as _exploration  # noqa: F401  (registers it)
from codecanary.report.charts import Point, bars_over_nights, rate_over_nights
from codecanary.report.page import render

__all__ = ["Point", "bars_over_nights", "rate_over_nights", "render"]
