"""Inline SVG charts for the report (no JavaScript, no CDN: the file works offline).

- :func:`rate_over_nights`: pass rate per night with its 95% interval band,
  red dots on nights with an alarm, and a dashed marker wherever the assistant's
  version changed.
- :func:`bars_over_nights`: one number per night (tokens, cost, latency), with
  the same version markers.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 330, 150, 46, 10, 22, 24
BAND, LINE, ALARM, VERSION = "#cfe0f3", "#1f5fa8", "#d62728", "#c60"


@dataclass(frozen=True)
class Point:
    """One night of a series: value (0..1 for rates) with optional interval and flags."""

    night: str
    value: float | None
    low: float | None = None
    high: float | None = None
    version: str = ""
    alarm: bool = False


def _e(x: object) -> str:
    return html.escape(str(x))


def _x(i: int, n: int) -> float:
    return PAD_L + (W - PAD_L - PAD_R) * (i / (n - 1) if n > 1 else 0.5)


def _frame(chart_id: str, title: str, cls: str) -> list[str]:
    return [f'<svg class="{cls}" id="{_e(chart_id)}" width="{W}" height="{H}" '
            f'viewBox="0 0 {W} {H}" xmlns="http://www.w3.org/2000/svg" font-size="10" '
            f'role="img" aria-label="{_e(title)}">',
            f'<text x="{PAD_L}" y="13" font-size="12" font-weight="600">{_e(title)}</text>']


def _versions_and_labels(points: Sequence[Point], bottom: float) -> list[str]:
    out = []
    n = len(points)
    every = max(1, n // 6)
    for i, p in enumerate(points):
        x = _x(i, n)
        if i and p.version != points[i - 1].version:
            out.append(f'<line class="version-change" x1="{x:.1f}" x2="{x:.1f}" y1="{PAD_T}" '
                       f'y2="{bottom}" stroke="{VERSION}" stroke-dasharray="4 3"/>'
                       f'<text x="{x - 2 if x > W / 2 else x + 2:.1f}" y="{PAD_T + 9}" '
                       f'text-anchor="{"end" if x > W / 2 else "start"}" fill="{VERSION}">'
                       f'{_e(p.version[:18])}</text>')
        if i % every == 0 or i == n - 1:
            out.append(f'<text x="{x:.1f}" y="{H - 8}" text-anchor="middle">'
                       f'{_e(p.night[5:])}</text>')
    return out


def rate_over_nights(points: Sequence[Point], title: str, chart_id: str) -> str:
    """Pass rate per night with interval band, alarms and version changes (SVG)."""
    pts = list(points)
    out = _frame(chart_id, title, "chart rate-chart")
    bottom = H - PAD_B

    def y(v: float) -> float:
        return bottom - v * (bottom - PAD_T)

    for frac in (0.0, 0.5, 1.0):
        out.append(f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y(frac):.1f}" y2="{y(frac):.1f}" '
                   f'stroke="#e3e3e3"/><text x="{PAD_L - 4}" y="{y(frac) + 3:.1f}" '
                   f'text-anchor="end">{100 * frac:.0f}%</text>')
    idx = [i for i, p in enumerate(pts) if p.value is not None]
    n = len(pts)
    if idx:
        banded = [i for i in idx if pts[i].low is not None and pts[i].high is not None]
        if len(banded) > 1:
            top = [f"{_x(i, n):.1f},{y(pts[i].high or 0):.1f}" for i in banded]
            low = [f"{_x(i, n):.1f},{y(pts[i].low or 0):.1f}" for i in reversed(banded)]
            out.append(f'<polygon class="band" points="{" ".join(top + low)}" fill="{BAND}"/>')
        line = " ".join(f"{_x(i, n):.1f},{y(pts[i].value or 0):.1f}" for i in idx)
        out.append(f'<polyline class="line" points="{line}" fill="none" stroke="{LINE}" '
                   'stroke-width="2"/>')
        for i in idx:
            p = pts[i]
            colour, r = (ALARM, 4) if p.alarm else (LINE, 2.5)
            cls = "alarm" if p.alarm else "pt"
            out.append(f'<circle class="{cls}" cx="{_x(i, n):.1f}" cy="{y(p.value or 0):.1f}" '
                       f'r="{r}" fill="{colour}"><title>{_e(p.night)}: {100 * (p.value or 0):.0f}%'
                       f'{" ALARM" if p.alarm else ""}</title></circle>')
    else:
        out.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle" fill="#777">no data</text>')
    out += _versions_and_labels(pts, bottom)
    out.append("</svg>")
    return "".join(out)


def bars_over_nights(points: Sequence[Point], title: str, chart_id: str, unit: str = "") -> str:
    """One bar per night (tokens, cost or latency) with version changes (SVG)."""
    pts = list(points)
    out = _frame(chart_id, title, "chart bar-chart")
    bottom = H - PAD_B
    top = max((p.value or 0.0 for p in pts), default=0.0) or 1.0
    n = len(pts)
    bw = max(2.0, (W - PAD_L - PAD_R) / max(1, n) * 0.6)
    out.append(f'<text x="{PAD_L - 4}" y="{PAD_T + 3}" text-anchor="end">{_fmt(top)}{unit}</text>'
               f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{bottom}" y2="{bottom}" stroke="#bbb"/>')
    for i, p in enumerate(pts):
        v = p.value or 0.0
        hgt = (bottom - PAD_T) * v / top
        out.append(f'<rect class="bar" x="{_x(i, n) - bw / 2:.1f}" y="{bottom - hgt:.1f}" '
                   f'width="{bw:.1f}" height="{hgt:.1f}" fill="#7a9cc6"><title>{_e(p.night)}: '
                   f'{_fmt(v)}{unit}</title></rect>')
    out += _versions_and_labels(pts, bottom)
    out.append("</svg>")
    return "".join(out)


def _fmt(v: float) -> str:
    if v >= 1000:
        return f"{v / 1000:.1f}k"
    return f"{v:.3g}"
