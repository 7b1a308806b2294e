"""The report page: verdict, grid, comparisons, charts over nights, flips, lineage.

Input is the night's summary (:mod:`codecanary.summary`) and the summaries of
the assistant's earlier nights (oldest first); output is one HTML document with
inline CSS and SVG only, so it can be mailed, archived or opened offline.

Tonight is read as a typed :class:`~codecanary.night_summary.NightSummary`. The
earlier nights are the JSON summaries stored when they finished, possibly by an
older codecanary, so the charts read them tolerantly (a missing field is a gap).
"""

from __future__ import annotations

import difflib
import html
import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from codecanary.night_summary import Comparison, LineageTask, NightSummary
from codecanary.registry import members
from codecanary.report.charts import Point, bars_over_nights, rate_over_nights
from codecanary.report.past import Band, PastNight, chart_nights

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1120px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;
text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}
#grid td{min-width:120px;text-align:center}#grid td.drop{background:#e05252;color:#fff}
#grid td.drop .muted{color:#fde}#grid td.down{background:#fbe3c8}
tr.bad td{background:#f8d0d0}.banner{padding:10px 14px;border-radius:6px}
pre{background:#f7f7f7;padding:8px;overflow:auto;font-size:12px}
.add{color:#075e07}.del{color:#a00}.muted{color:#777}.charts{display:flex;flex-wrap:wrap;gap:8px}
.finding{margin:2px 0 2px 12px}ul.lineage{margin:4px 0}
"""


def _e(x: object) -> str:
    return html.escape(str(x))


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def _pts(x: float) -> str:
    return f"{100 * x:+.1f}"


def _series(nights: list[PastNight], bands: list[Band | None], group: str) -> list[Point]:
    """One chart's points: each night's band of the group, alarm when the group dropped."""
    return [Point(n.night, b.rate if b else None, b.low if b else None, b.high if b else None,
                  n.version_label, group in n.drops) for n, b in zip(nights, bands, strict=True)]


def _charts(nights: list[PastNight]) -> str:
    areas = sorted({a for n in nights for a in n.areas})
    langs = sorted({lang for n in nights for lang in n.languages})
    charts = [rate_over_nights(_series(nights, [n.overall for n in nights], "*"), "overall",
                               "chart-overall")]
    charts += [rate_over_nights(_series(nights, [n.areas.get(a) for n in nights], a), a,
                                f"chart-area-{a}") for a in areas]
    charts += [rate_over_nights(_series(nights, [n.languages.get(g) for n in nights], g), g,
                                f"chart-lang-{g}") for g in langs]
    return f'<div class=charts id="rate-charts">{"".join(charts)}</div>'


def _cost_charts(nights: list[PastNight]) -> str:
    def pts(f: Callable[[PastNight], float]) -> list[Point]:
        return [Point(n.night, float(f(n)), version=n.version_label) for n in nights]

    rows = "".join(
        f"<tr><td class=l>{_e(n.night)}</td><td class=l>{_e(n.version)}</td>"
        f"<td>{n.attempts}</td><td>{n.tokens}</td>"
        f"<td>${n.cost_usd:.4f}</td>"
        f"<td>{n.latency_mean:.2f}s</td></tr>"
        for n in reversed(nights[-30:]))
    return (
        '<div class=charts id="cost-charts">'
        + bars_over_nights(pts(lambda n: n.tokens), "tokens", "chart-tokens")
        + bars_over_nights(pts(lambda n: n.cost_usd), "cost (USD)", "chart-cost", "$")
        + bars_over_nights(pts(lambda n: n.latency_mean), "mean latency", "chart-latency", "s")
        + "</div><table id=costs><tr><th class=l>night</th><th class=l>version</th>"
        "<th>attempts</th><th>tokens</th><th>cost</th><th>mean latency</th></tr>" + rows
        + "</table>")


def _grid(night: NightSummary) -> str:
    cells = night.cells
    areas = sorted({str(c.area) for c in cells})
    langs = sorted({str(c.language) for c in cells})
    comp: dict[str, Comparison] = {c.group: c for c in night.comparisons}
    by = {(c.area, c.language): c.rate for c in cells}
    rows = ["<table id=grid><tr><th class=l>weakness</th>"
            + "".join(f"<th>{_e(lang)}</th>" for lang in langs) + "</tr>"]
    for a in areas:
        tds = []
        for lang in langs:
            c = by.get((a, lang))
            if c is None:
                tds.append("<td class=muted data-state=none>&middot;</td>")
                continue
            cell = comp.get(f"{a}@{lang}") or comp.get(a)
            area_drop = _drop(comp, a)
            delta = cell.delta if cell else None
            drop = _drop(comp, f"{a}@{lang}") or (area_drop and (delta is None or delta < 0))
            state = "drop" if drop else "down" if delta is not None and delta < -0.05 else "ok"
            change = f"<br><small>{_pts(delta)} pts</small>" if delta is not None else ""
            tds.append(f'<td class="{state}" data-state="{state}" data-area="{_e(a)}" '
                       f'data-language="{_e(lang)}">{_pct(c.rate)} <span class=muted>'
                       f'[{_pct(c.low)}, {_pct(c.high)}]</span>{change}</td>')
        rows.append(f"<tr><td class=l>{_e(a)}</td>{''.join(tds)}</tr>")
    return ("".join(rows) + "</table><p class=muted>Red: significant degradation (sequential "
            "alarm, BH-controlled). Orange: down more than 5 points, not significant. "
            "Brackets: 95% interval clustered by seed lineage.</p>")


def _drop(comp: dict[str, Comparison], group: str) -> bool:
    c = comp.get(group)
    return bool(c and c.significant_drop)


def _comparisons(night: NightSummary) -> str:
    b = night.baseline
    if not b:
        return "<p class=muted>first night of this assistant: nothing to compare with</p>"
    seq = night.sequential
    rows = [f"<p>Baseline: {len(b.nights)} night(s) {_e(b.nights[0])} &ndash; "
            f"{_e(b.nights[-1])} ({_e(', '.join(b.versions))}), paired per task on the "
            f"tasks both ran. CUSUM k={seq.k}, alarm when the Benjamini-Hochberg q-value "
            f"of its no-change p-value is at most {seq.q}. McNemar: exact, on flips "
            "against the previous night.</p><table id=compare><tr><th class=l>group</th>"
            "<th>tasks</th><th>before</th><th>after</th><th>change [95%]</th><th>z</th>"
            "<th>CUSUM</th><th>q (seq.)</th><th>q (tonight)</th><th>flips p&rarr;f / f&rarr;p"
            "</th><th>McNemar p</th><th class=l>verdict</th></tr>"]
    for c in night.comparisons:
        bad = c.significant_drop
        mc = "-" if c.p_mcnemar is None else f"{c.p_mcnemar:.3g}"
        rows.append(
            f"<tr{' class=bad' if bad else ''}><td class=l>{_e(c.group)}</td>"
            f"<td>{c.tasks}</td><td>{_pct(c.before)}</td><td>{_pct(c.after)}</td>"
            f"<td>{_pts(c.delta)} [{_pts(c.low)}, {_pts(c.high)}]</td>"
            f"<td>{c.z:.2f}</td><td>{c.cusum:.2f}</td><td>{c.q_sequential:.3g}</td>"
            f"<td>{c.q_value:.3g}</td><td>{c.pass_to_fail} / {c.fail_to_pass}</td>"
            f"<td>{mc}</td><td class=l>{'<b>significant drop</b>' if bad else 'no alarm'}</td>"
            "</tr>")
    return "".join(rows) + "</table>"


def _version_change(night: NightSummary) -> str:
    vc = night.version_change
    if not vc:
        return ""
    rows = "".join(
        f"<tr{' class=bad' if g.significant_drop else ''}><td class=l>{_e(g.group)}</td>"
        f"<td>{g.tasks}</td><td>{_pct(g.before)}</td><td>{_pct(g.after)}</td>"
        f"<td>{_pts(g.delta)} [{_pts(g.low)}, {_pts(g.high)}]</td>"
        f"<td>{g.q_value:.3g}</td></tr>" for g in vc.groups)
    return (f"<h2>Version change: {_e(vc.old)} &rarr; {_e(vc.new)}</h2><p>Before: "
            f"{_e(', '.join(vc.before_nights))}; after: {_e(', '.join(vc.after_nights))}"
            "; paired per task, BH q-values.</p><table id=version-compare><tr><th class=l>group"
            "</th><th>tasks</th><th>before</th><th>after</th><th>change [95%]</th><th>q</th>"
            f"</tr>{rows}</table>")


def _diff(before: Mapping[str, str], after: Mapping[str, str]) -> str:
    lines = []
    for name in sorted(set(before) | set(after)):
        for ln in difflib.unified_diff(before.get(name, "").splitlines(),
                                       after.get(name, "").splitlines(),
                                       f"a/{name} (passed)", f"b/{name} (failed)", lineterm=""):
            cls = "add" if ln.startswith("+") else "del" if ln.startswith("-") else ""
            lines.append(f'<span class="{cls}">{_e(ln)}</span>')
    return "<pre>" + "\n".join(lines or ["(identical answers)"]) + "</pre>"


def _findings(night: NightSummary, attempt_id: Any) -> str:
    """The reviewers' findings on one attempt (their ``reviews`` section is theirs to shape)."""
    reviews = night.sections.get("reviews")
    if not isinstance(reviews, dict):
        return ""
    found = (reviews.get("by_attempt") or {}).get(str(attempt_id)) or []
    return "".join(
        f"<div class=finding><b>{_e(f.get('severity', ''))}</b> {_e(f.get('category', ''))} "
        f"<span class=muted>{_e(f.get('location', ''))}</span> {_e(f.get('text', ''))}</div>"
        if isinstance(f, dict) else f"<div class=finding>{_e(f)}</div>" for f in found)


def _flips(night: NightSummary) -> str:
    if not night.flips:
        return "<p class=muted>none</p>"
    return "".join(
        f"<h3>{_e(f.task)} #{f.sample} <span class=muted>{_e(f.area)} / "
        f"{_e(f.language)} &mdash; {_e(f.failure_class)}</span></h3>"
        + _findings(night, f.attempt_id) + _diff(f.before, f.after)
        for f in night.flips[:50])


def _lineage(night: NightSummary) -> str:
    items = night.lineage
    if not items:
        return "<p class=muted>no generated tasks tonight</p>"
    children: dict[str, list[LineageTask]] = defaultdict(list)
    ids = {t.task_id for t in items}
    for t in items:
        children[t.parent if t.parent in ids and t.parent else f"root:{t.root}"].append(t)

    def tree(key: str) -> str:
        return "<ul class=lineage>" + "".join(
            f"<li>{_e(t.name)} <span class=muted>{_e(t.area)}/{_e(t.language)}, "
            f"{t.passed}/{t.n} passed</span>{tree(t.task_id)}</li>"
            for t in children.get(key, [])) + "</ul>" if children.get(key) else ""

    roots = sorted(k for k in children if k.startswith("root:"))
    listing = "<div id=lineage>" + "".join(
        f"<p>seed <code>{_e(k[5:][:12])}</code></p>{tree(k)}" for k in roots) + "</div>"
    if (night.sections.get("exploration") or {}).get("lineage"):  # drawn there, with rejections
        return ("<p class=muted>Drawn, with the children the gate rejected, under "
                '<a href="#exploration">Adaptive exploration</a>.</p><details><summary>the '
                f"attempted generated tasks as a list</summary>{listing}</details>")
    return listing


def _explored(night: NightSummary) -> str:
    """On a night that explored: the verdict uses only the anchor suite, and what the
    exploration attempts (extra samples, generated children) gave per area, apart."""
    if not night.explored:
        return ""
    rows = "".join(
        f"<tr><td class=l>{_e(c.area)}</td><td class=l>{_e(c.kind.replace('_', ' '))}</td>"
        f"<td>{c.passed} / {c.attempts - c.infra_errors}</td><td>{_pct(c.rate)}</td></tr>"
        for c in night.explored)
    total = sum(c.attempts for c in night.explored)
    return (f"<p id=anchor-only>The verdict, rates and comparisons use only the planned "
            f"anchor suite (the tasks and samples the baseline ran). Exploration ran {total} "
            "more attempt(s), reported here apart; they never raise or mask an alarm.</p>"
            "<table id=exploration-attempts><tr><th class=l>area</th><th class=l>kind</th>"
            f"<th>passed / attempts</th><th>pass rate</th></tr>{rows}</table>")


def render(summary: dict[str, Any], history: list[dict[str, Any]]) -> str:
    """The whole report as one HTML document.

    ``summary``: tonight's JSON summary (as :func:`codecanary.summary.summarize`
    writes it, plug-in sections included); ``history``: earlier stored
    summaries, oldest first. Plug-in ``report`` sections get the JSON summary.
    """
    night = NightSummary.from_json(summary)
    series = chart_nights(history, summary)
    if not night.trustworthy:
        banner = ("#fde7c0", f"Too many infra errors ({night.infra_errors} of "
                  f"{night.attempts}): no verdict tonight.")
    elif night.degraded:
        parts = [f"{a.group} {_pts(a.delta)} pts [{_pts(a.low)}, {_pts(a.high)}]"
                 for a in night.alarms]
        banner = ("#f8d0d0", "Significant degradation: " + "; ".join(parts))
    else:
        banner = ("#d8f0d8", "No significant degradation.")
    ov = night.overall
    overall = (f"{_pct(ov.rate)} [{_pct(ov.low)}, {_pct(ov.high)}] of {ov.n} "
               "attempts") if ov else "no attempts"
    classes = "".join(f"<tr><td class=l>{_e(k)}</td><td>{v}</td></tr>"
                      for k, v in night.failure_classes.items())
    extra = {k: v for k, v in night.sections.items() if k == "reviews" and not isinstance(v, dict)}
    lat = night.latency_mean
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>codecanary {_e(night.assistant)} {_e(night.night)}</title><style>{CSS}</style>
</head><body>
<h1>codecanary &mdash; {_e(night.assistant)} <span class=muted>{_e(night.version)}</span>,
night {_e(night.night)}</h1>
<div class=banner id=verdict style="background:{banner[0]}">{_e(banner[1])}</div>
<p>Overall pass rate: {overall}; infra errors (excluded): {night.infra_errors};
tokens: {night.tokens}; cost: ${night.cost_usd:.4f}; mean latency: {lat:.2f}s.</p>{_explored(night)}
<h2>Weakness &times; language</h2>{_grid(night)}
<h2>Tonight against the baseline</h2>{_comparisons(night)}
{_version_change(night)}
<h2>Pass rate over nights</h2>
<p class=muted>Band: 95% interval; red dot: alarm; dashed line: version change.</p>{_charts(series)}
<h2>Tokens, cost and latency per night</h2>{_cost_charts(series)}
<h2>Failure classes</h2><table><tr><th class=l>class</th><th>attempts</th></tr>{classes}</table>
<h2>Attempts that flipped from pass to fail</h2>{_flips(night)}
<h2>Lineage of tonight's generated tasks</h2>{_lineage(night)}
{"".join(section(summary) for section in members("report").values())}
{f"<pre>{_e(json.dumps(extra, indent=1))}</pre>" if extra else ""}
</body></html>"""
