"""The report's "Adaptive exploration" section: weak spots, lineage drawing, gate share.

Drawn only when the summary has an ``exploration`` section (``nightly --budget``,
``probe``; see docs/exploration.md "Campaign modes"). Three parts, none shown elsewhere in the
report:

- the weak spots the hunt flagged, and the arms closest to it, by the posterior
  probability that the cell's failure rate exceeds the flag rate (a search
  signal, separate from the night-vs-baseline alarms at the top);
- the lineage of every generated candidate (:mod:`.lineage`);
- the share of generated tasks that passed the gate per operator, as bars with
  the 80% goal of the deterministic operators marked (issue 6); the LLM
  mutator is drawn apart, the goal does not apply to it.

Registered as ``("report", "exploration")``; returns an HTML fragment using the
page's classes (``l``, ``bad``, ``muted``).
"""

from __future__ import annotations

import html
from typing import Any

from codecanary.registry import register
from codecanary.report.lineage import lineage_svg

GOAL = 0.8
MAX_ARMS = 10
LABEL_W, BAR_W, ROW, TOP = 240, 300, 20, 34
MET, BELOW, LLM = "#5a9e5a", "#e0883c", "#9c7bc2"


def _e(x: object) -> str:
    return html.escape(str(x))


def is_llm(operator: str) -> bool:
    """The LLM mutator's operator (``llm``, or ``llm:<generator>``): no goal applies."""
    return operator == "llm" or operator.startswith("llm:")


def weak_spots(exploration: dict[str, Any]) -> str:
    """Flagged arms first, then the arms with the highest P(rate > flag rate), at most
    :data:`MAX_ARMS` rows; the rest are counted."""
    arms = list(exploration.get("arms") or [])
    flagged = set(exploration.get("flagged") or [])
    rate = float(exploration.get("flag_rate") or 0.3)
    conf = float(exploration.get("flag_confidence") or 0.95)
    known = {a["arm"] for a in arms}
    arms += [{"arm": f, "fails": 0, "passes": 0, "failure_rate": None, "p_above": None}
             for f in sorted(flagged - known)]
    if not arms:
        return "<p class=muted>no cell was explored</p>"
    arms.sort(key=lambda a: (a["arm"] not in flagged, -(a.get("p_above") or 0.0), a["arm"]))
    shown = [a for a in arms if a["arm"] in flagged] or arms[:1]
    shown += [a for a in arms if a not in shown][:max(0, MAX_ARMS - len(shown))]
    rows = []
    for a in shown:
        bad = a["arm"] in flagged
        n = a["fails"] + a["passes"]
        fr = "-" if a.get("failure_rate") is None else f"{100 * a['failure_rate']:.0f}%"
        p = "-" if a.get("p_above") is None else f"{a['p_above']:.3f}"
        rows.append(f"<tr{' class=bad' if bad else ''} data-arm=\"{_e(a['arm'])}\">"
                    f"<td class=l>{_e(a['arm'])}</td><td>{a['fails']} / {n}</td><td>{fr}</td>"
                    f"<td>{p}</td><td class=l>{'<b>weak spot</b>' if bad else ''}</td></tr>")
    rest = len(arms) - len(shown)
    more = (f"<p class=muted>{rest} other cell(s) explored, each less likely to fail more than "
            f"{100 * rate:.0f}%: not listed.</p>") if rest else ""
    verdict = (f"Weak spots found: <b>{_e(', '.join(sorted(flagged)))}</b>." if flagged
               else "No weak spot found.")
    return (f"<p>{verdict} A cell is a weak spot when P(failure rate &gt; {100 * rate:.0f}%) "
            f"&ge; {100 * conf:.0f}% with at least 5 outcomes.</p><table id=weak-spots><tr>"
            "<th class=l>cell</th><th>failed / attempts</th><th>failure rate (posterior mean)"
            f"</th><th>P(rate &gt; {100 * rate:.0f}%)</th><th class=l>verdict</th></tr>"
            + "".join(rows) + "</table>" + more)


def gate_share_chart(operators: dict[str, dict[str, Any]], goal: float = GOAL) -> str:
    """Horizontal bars: accepted share per operator with accepted/proposed counts, a
    dashed line at ``goal`` across the deterministic operators, the LLM mutator apart."""
    det = sorted(op for op in operators if not is_llm(op))
    llm = sorted(op for op in operators if is_llm(op))
    order: list[str | None] = [*det, *([None] if det and llm else []), *llm]
    width, height = LABEL_W + BAR_W + 120, TOP + ROW * len(order) + 8
    out = [f'<svg id="gate-share" width="{width}" height="{height}" viewBox="0 0 {width} '
           f'{height}" xmlns="http://www.w3.org/2000/svg" font-size="10" role="img" '
           'aria-label="share of generated tasks passing the gate, per operator">',
           f'<text x="{LABEL_W}" y="12" font-size="12" font-weight="600">accepted by the '
           'gate / proposed</text>']
    for i, op in enumerate(order):
        y = TOP + ROW * i
        if op is None:
            out.append(f'<text x="{LABEL_W - 6}" y="{y + 13}" text-anchor="end" fill="#777">'
                       'LLM mutator (no goal):</text>')
            continue
        row = operators[op]
        share = float(row.get("share") or 0.0)
        colour = LLM if is_llm(op) else MET if share >= goal else BELOW
        label = f"{op} (LLM mutator)" if is_llm(op) else op
        low = f' fill="{BELOW}" font-weight="600"' if colour == BELOW else ""
        out.append(f'<g class="gate-bar" data-operator="{_e(op)}" data-share="{share:.3f}" '
                   f'data-llm="{str(is_llm(op)).lower()}" '
                   f'data-below-goal="{str(not is_llm(op) and share < goal).lower()}">'
                   f'<title>{_e(op)}: {row["accepted"]} of {row["proposed"]} proposed passed '
                   f'the gate ({100 * share:.0f}%)</title>'
                   f'<text x="{LABEL_W - 6}" y="{y + 13}" text-anchor="end">{_e(label)}</text>'
                   f'<rect x="{LABEL_W}" y="{y + 3}" width="{BAR_W}" height="{ROW - 6}" '
                   f'fill="#eee"/><rect class="share" x="{LABEL_W}" y="{y + 3}" '
                   f'width="{BAR_W * share:.1f}" height="{ROW - 6}" fill="{colour}"/>'
                   f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 13}"{low}>{row["accepted"]}/'
                   f'{row["proposed"]} ({100 * share:.0f}%)</text></g>')
    if det:
        gx = LABEL_W + BAR_W * goal
        bottom = TOP + ROW * len(det)
        out.append(f'<line id="gate-goal" x1="{gx:.1f}" x2="{gx:.1f}" y1="{TOP - 4}" '
                   f'y2="{bottom}" stroke="#222" stroke-dasharray="4 3"/><text x="{gx:.1f}" '
                   f'y="{TOP - 6}" text-anchor="middle">goal {100 * goal:.0f}%</text>')
    out.append("</svg>")
    return "".join(out)


def gate_share(exploration: dict[str, Any], goal: float = GOAL) -> str:
    """The chart and one line on the deterministic operators against the goal."""
    ops: dict[str, dict[str, Any]] = exploration.get("operators") or {}
    if not ops:
        return "<p class=muted>no task was generated</p>"
    det = {op: r for op, r in ops.items() if not is_llm(op)}
    line = ""
    if det:
        acc = sum(int(r["accepted"]) for r in det.values())
        prop = sum(int(r["proposed"]) for r in det.values())
        below = sorted(op for op, r in det.items() if float(r.get("share") or 0) < goal)
        line = (f"<p id=gate-goal-verdict>Deterministic operators: {acc} of {prop} generated "
                f"tasks passed the gate ({100 * acc / max(1, prop):.0f}%); "
                + (f"{len(below)} operator(s) below the {100 * goal:.0f}% goal: "
                   f"{_e(', '.join(below))}." if below else
                   f"every operator meets the {100 * goal:.0f}% goal.") + "</p>")
    return gate_share_chart(ops, goal) + line


def render_section(summary: dict[str, Any]) -> str:
    """The whole section, or nothing when the night did not explore."""
    ex = summary.get("exploration")
    if not isinstance(ex, dict):
        return ""
    lineage = ex.get("lineage") or []
    rejected = sum(1 for e in lineage if not e.get("accepted"))
    fb = ex.get("fallbacks") or {}
    fallbacks = ("; requests served by another sample of their source: "
                 + ", ".join(f"{_e(k)} &times;{v}" for k, v in sorted(fb.items()))) if fb else ""
    focus = ex.get("focus") or []
    return (f"<h2 id=exploration>Adaptive exploration</h2><p>{_e(ex.get('mode', 'nightly'))}"
            f"{' of ' + _e(', '.join(focus)) if focus else ''}: budget {ex.get('budget', 0)} "
            f"attempts, {ex.get('rounds', 0)} round(s), seed {ex.get('seed', 0)}; "
            f"{len(lineage)} task(s) generated, {len(lineage) - rejected} accepted by the gate, "
            f"{rejected} rejected{fallbacks}.</p>"
            f"<h3>Weak spots</h3>{weak_spots(ex)}"
            "<h3>Lineage</h3><p class=muted>Seeds at the left, each generated task under its "
            "parent, the edge labelled with the operator; fill: pass rate of its attempts. "
            "Hover a task for its outcome or the gate's reason.</p>" + lineage_svg(ex)
            + "<h3>Generated tasks passing the gate, per operator</h3>" + gate_share(ex))


@register("report", "exploration")
def report_section(summary: dict[str, Any]) -> str:
    """Registry entry point of :func:`render_section`."""
    return render_section(summary)
