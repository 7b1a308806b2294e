"""The HTML report: one self-contained file (inline CSS and SVG, no CDN).

It shows the verdict, a weakness x language grid (red where the area dropped
significantly), pass rates with 95% interval bars, the paired comparison with
the previous night, the attempts that flipped with their code diffs, failure
classes, and the overall pass rate over past nights.
"""

from __future__ import annotations

import difflib
import html
from typing import Any

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;
text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}
.bad{background:#f8d0d0}.good{background:#d8f0d8}.banner{padding:10px 14px;border-radius:6px}
pre{background:#f7f7f7;padding:8px;overflow:auto;font-size:12px}
.add{color:#075e07}.del{color:#a00}.muted{color:#777}
"""


def _e(x: object) -> str:
    return html.escape(str(x))


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def rate_chart(cells: list[dict[str, Any]]) -> str:
    """Horizontal bars of pass rate per cell with 95% interval whiskers (SVG)."""
    if not cells:
        return "<p class=muted>no results</p>"
    row_h, left, width = 22, 220, 420
    h = row_h * len(cells) + 30
    parts = [f'<svg id="rate-chart" width="{left + width + 60}" height="{h}" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="12">']
    for i, c in enumerate(cells):
        y = 10 + i * row_h
        label = f"{c['area']} / {c['language']}"
        parts.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end">{_e(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{width * c["rate"]:.1f}" height="14" '
                     f'fill="#6aa0d8"/>')
        x0, x1 = left + width * c["low"], left + width * c["high"]
        parts.append(f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{y + 10}" y2="{y + 10}" '
                     f'stroke="#123" stroke-width="2"/>')
        parts.append(f'<text x="{left + width + 6}" y="{y + 14}">{_pct(c["rate"])} '
                     f'(n={c["n"]})</text>')
    for frac in (0, 0.5, 1):
        x = left + width * frac
        parts.append(f'<line x1="{x}" x2="{x}" y1="5" y2="{h - 18}" stroke="#ccc"/>'
                     f'<text x="{x}" y="{h - 4}" text-anchor="middle">{_pct(frac)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def history_chart(history: list[dict[str, Any]]) -> str:
    """Overall pass rate per night with interval band (SVG); version changes marked."""
    pts = [h for h in history if h.get("overall")]
    if len(pts) < 2:
        return "<p class=muted>history appears from the second night on</p>"
    w, h, pad = 640, 200, 36
    step = (w - 2 * pad) / (len(pts) - 1)

    def y(v: float) -> float:
        return h - pad - v * (h - 2 * pad)

    band = [f"{pad + i * step:.1f},{y(p['overall']['high']):.1f}" for i, p in enumerate(pts)]
    band += [f"{pad + i * step:.1f},{y(p['overall']['low']):.1f}"
             for i, p in reversed(list(enumerate(pts)))]
    line = " ".join(f"{pad + i * step:.1f},{y(p['overall']['rate']):.1f}"
                    for i, p in enumerate(pts))
    out = [f'<svg id="history-chart" width="{w}" height="{h}" font-size="11" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<polygon points="{" ".join(band)}" fill="#cfe0f3"/>',
           f'<polyline points="{line}" fill="none" stroke="#1f5fa8" stroke-width="2"/>']
    for i, p in enumerate(pts):
        x = pad + i * step
        if i and p.get("version") != pts[i - 1].get("version"):
            out.append(f'<line x1="{x}" x2="{x}" y1="{pad - 10}" y2="{h - pad}" stroke="#c60" '
                       f'stroke-dasharray="4"/><text x="{x + 3}" y="{pad - 12}" fill="#c60">'
                       f'{_e(p.get("version"))}</text>')
        out.append(f'<text x="{x}" y="{h - 8}" text-anchor="middle">{_e(p["night"][5:])}</text>')
    out.append("</svg>")
    return "".join(out)


def _grid(summary: dict[str, Any]) -> str:
    cells = summary["cells"]
    areas = sorted({c["area"] for c in cells})
    langs = sorted({c["language"] for c in cells})
    dropped = {c["group"] for c in summary["comparisons"] if c["significant_drop"]}
    by = {(c["area"], c["language"]): c for c in cells}
    rows = ["<table id=grid><tr><th class=l>weakness</th>"
            + "".join(f"<th>{_e(lang)}</th>" for lang in langs) + "</tr>"]
    for a in areas:
        tds = []
        for lang in langs:
            c = by.get((a, lang))
            if c is None:
                tds.append("<td class=muted>-</td>")
                continue
            cls = " class=bad" if a in dropped else ""
            tds.append(f"<td{cls}>{_pct(c['rate'])} <span class=muted>[{_pct(c['low'])}, "
                       f"{_pct(c['high'])}]</span></td>")
        rows.append(f"<tr><td class=l>{_e(a)}</td>{''.join(tds)}</tr>")
    return "".join(rows) + "</table>"


def _comparisons(summary: dict[str, Any]) -> str:
    if summary["baseline"] is None:
        return "<p class=muted>first night of this assistant: nothing to compare with</p>"
    b = summary["baseline"]
    rows = [f"<p>baseline: night {_e(b['night'])} ({_e(b['version'])}), paired on the attempts "
            "both nights ran; exact McNemar, Holm-adjusted across areas.</p><table id=compare>"
            "<tr><th class=l>area</th><th>pairs</th><th>before</th><th>after</th><th>change</th>"
            "<th>pass&rarr;fail</th><th>fail&rarr;pass</th><th>p (adj.)</th><th>verdict</th></tr>"]
    for c in summary["comparisons"]:
        verdict = "<b>significant drop</b>" if c["significant_drop"] else "unchanged"
        cls = " class=bad" if c["significant_drop"] else ""
        rows.append(
            f"<tr{cls}><td class=l>{_e(c['group'])}</td><td>{c['pairs']}</td>"
            f"<td>{_pct(c['before'])}</td><td>{_pct(c['after'])}</td>"
            f"<td>{100 * c['delta']:+.0f} pts</td><td>{c['pass_to_fail']}</td>"
            f"<td>{c['fail_to_pass']}</td><td>{c['p_adjusted']:.3g}</td><td>{verdict}</td></tr>")
    return "".join(rows) + "</table>"


def _diff(before: dict[str, str], after: dict[str, str]) -> str:
    lines = []
    for name in sorted(set(before) | set(after)):
        for ln in difflib.unified_diff(before.get(name, "").splitlines(),
                                       after.get(name, "").splitlines(),
                                       f"a/{name} (passed)", f"b/{name} (failed)", lineterm=""):
            cls = "add" if ln.startswith("+") else "del" if ln.startswith("-") else ""
            lines.append(f'<span class="{cls}">{_e(ln)}</span>')
    return "<pre>" + "\n".join(lines or ["(identical answers)"]) + "</pre>"


def render(summary: dict[str, Any], history: list[dict[str, Any]]) -> str:
    """The whole report as one HTML document."""
    if not summary["trustworthy"]:
        banner = ("#fde7c0", f"Too many infra errors ({summary['infra_errors']} of "
                  f"{summary['attempts']}): no verdict tonight.")
    elif summary["degraded"]:
        areas = ", ".join(c["group"] for c in summary["comparisons"] if c["significant_drop"])
        banner = ("#f8d0d0", f"Significant degradation in: {areas}")
    else:
        banner = ("#d8f0d8", "No significant degradation.")
    ov = summary["overall"]
    overall = (f"{_pct(ov['rate'])} [{_pct(ov['low'])}, {_pct(ov['high'])}] of {ov['n']} "
               "attempts") if ov else "no attempts"
    flips = "".join(
        f"<h3>{_e(f['task'])} #{f['sample']} <span class=muted>{_e(f['area'])} / "
        f"{_e(f['language'])} &mdash; {_e(f['failure_class'])}</span></h3>"
        + _diff(f["before"], f["after"]) for f in summary["flips"][:50])
    classes = "".join(f"<tr><td class=l>{_e(k)}</td><td>{v}</td></tr>"
                      for k, v in summary["failure_classes"].items())
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>codecanary {_e(summary['assistant'])} {_e(summary['night'])}</title><style>{CSS}</style>
</head><body>
<h1>codecanary &mdash; {_e(summary['assistant'])} <span class=muted>{_e(summary['version'])}</span>,
night {_e(summary['night'])}</h1>
<div class=banner style="background:{banner[0]}">{_e(banner[1])}</div>
<p>Overall pass rate: {overall}; infra errors (excluded): {summary['infra_errors']};
tokens: {summary['tokens']}; cost: ${summary['cost_usd']:.4f}.</p>
<h2>Weakness &times; language</h2>{_grid(summary)}
<h2>Pass rate with 95% intervals</h2>{rate_chart(summary['cells'])}
<h2>Compared with the previous night</h2>{_comparisons(summary)}
<h2>Pass rate over nights</h2>{history_chart(history)}
<h2>Failure classes</h2><table><tr><th class=l>class</th><th>attempts</th></tr>{classes}</table>
<h2>Attempts that flipped from pass to fail</h2>{flips or '<p class=muted>none</p>'}
</body></html>"""
