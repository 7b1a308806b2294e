"""The report's "Reviewers" section: agreement table, then attempts, both-flagged first.

Returns an HTML fragment (no document, no CSS of its own: it uses the report's
classes ``l``, ``bad``, ``muted``). Registered as ``("report", "reviews")`` so
the core report reaches it through the registry.
"""

from __future__ import annotations

import html
from typing import Any

from codecanary.registry import register

MAX_ATTEMPTS = 60
_CELL_TITLES = {
    "flagged_failed": "flagged and failed",
    "flagged_passed": "flagged but passed (latent defect?)",
    "failed_unflagged": "failed, not flagged (reviewer miss)",
}


def _e(x: object) -> str:
    return html.escape(str(x))


def _findings(findings: dict[str, list[dict[str, str]]]) -> str:
    items = [f"<li><b>{_e(rev)}</b> {_e(f['severity'])} {_e(f['category'])} at "
             f"<code>{_e(f['location'])}</code>: {_e(f['text'])}</li>"
             for rev, fs in sorted(findings.items()) for f in fs[:5]]
    return f"<ul>{''.join(items)}</ul>" if items else ""


def render_section(summary: dict[str, Any]) -> str:
    """The "Reviewers" section of the report from the summary's ``agreement`` and ``reviews``."""
    agreement = summary.get("agreement") or {}
    table = agreement.get("reviewers") or {}
    if not table:
        return ("<h2 id=reviewers>Reviewers</h2><p class=muted>no reviewer ran on this "
                "night</p>")
    head = ("<table id=agreement><tr><th class=l>reviewer</th><th>flagged &amp; failed</th>"
            "<th>flagged, passed</th><th>passed clean</th><th>failed, not flagged</th>"
            "<th>agreement</th><th>kappa</th><th>rejected</th></tr>")
    rows = []
    for name, c in table.items():
        agree = "-" if c["agreement"] is None else f"{100 * c['agreement']:.0f}%"
        kappa = "-" if c["kappa"] is None else f"{c['kappa']:.2f}"
        rows.append(f"<tr><td class=l>{_e(name)}</td><td>{c['flagged_failed']}</td>"
                    f"<td>{c['flagged_passed']}</td><td>{c['passed_clean']}</td>"
                    f"<td>{c['failed_unflagged']}</td><td>{agree}</td><td>{kappa}</td>"
                    f"<td>{c['rejected']}</td></tr>")
    reviews = summary.get("reviews")
    attempts = reviews.get("attempts", []) if isinstance(reviews, dict) else []
    details = {(r["task_id"], r["sample"]): r for r in attempts}
    items = []
    for t in (agreement.get("tasks") or [])[:MAX_ATTEMPTS]:
        d = details.get((t["task_id"], t["sample"]), {})
        extra = ""
        if d.get("counterexample"):
            extra += f"<pre>{_e(d['counterexample'])}</pre>"
        rejected = [r for r in d.get("reviews", []) if r.get("rejected")]
        extra += "".join(f"<p class=muted>{_e(r['reviewer'])} rejected: {_e(r['rejected'])}</p>"
                         for r in rejected)
        cls = " class=bad" if t["cell"] == "flagged_failed" else ""
        items.append(f"<tr{cls}><td class=l>{_e(t['task'])} #{t['sample']}</td>"
                     f"<td class=l>{_e(t['area'])} / {_e(t['language'])}</td>"
                     f"<td class=l>{_e(_CELL_TITLES[t['cell']])}</td>"
                     f"<td class=l>{_e(t['failure_class'] or 'passed')}</td>"
                     f"<td class=l>{_findings(t['findings'])}{extra}</td></tr>")
    listing = ("<table id=review-attempts><tr><th class=l>attempt</th><th class=l>area</th>"
               "<th class=l>tests vs reviewer</th><th class=l>failure class</th>"
               "<th class=l>findings</th></tr>" + "".join(items) + "</table>") if items else (
        "<p class=muted>every attempt passed and no reviewer flagged anything</p>")
    return (f"<h2 id=reviewers>Reviewers</h2>{head}{''.join(rows)}</table>"
            f"<h3>Attempts, flagged by both first</h3>{listing}")


@register("report", "reviews")
def report_section(summary: dict[str, Any]) -> str:
    """Registry entry point of :func:`render_section`."""
    return render_section(summary)
