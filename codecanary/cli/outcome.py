"""How a campaign's outcome is shown: tables and trees on the console, the HTML report
and the JSON summary on disk, and the exit code.

Shared by ``nightly``, ``probe``, ``resume`` and ``report``, so no command imports
another.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.tree import Tree

from codecanary.cli.common import err, out
from codecanary.night_data import summaries
from codecanary.night_summary import NightSummary
from codecanary.report import render
from codecanary.store import Store


def print_table(summary: dict[str, Any]) -> None:
    """The night's weakness x language table, with changes against the baseline window."""
    night = NightSummary.from_json(summary)
    comp = {c.group: c for c in night.comparisons}
    t = Table(title=f"{night.assistant} {night.version} — night {night.night}")
    for col in ("weakness", "language", "pass rate", "95% interval", "n", "vs baseline [95%]"):
        t.add_column(col, justify="left" if col in ("weakness", "language") else "right")
    for c in night.cells:
        area, lang, r = str(c.area), str(c.language), c.rate
        cmp_ = comp.get(f"{area}@{lang}") or comp.get(area)
        change = "-"
        if cmp_:
            change = (f"{100 * cmp_.delta:+.1f} pts [{100 * cmp_.low:+.1f}, "
                      f"{100 * cmp_.high:+.1f}]" + ("" if "@" in cmp_.group else " (area)"))
            area_cmp = comp.get(area)
            if cmp_.significant_drop or (area_cmp and area_cmp.significant_drop):
                change = f"[bold red]{change} SIGNIFICANT DROP q={cmp_.q_sequential:.2g}[/]"
        t.add_row(area, lang, f"{100 * r.rate:.0f}%",
                  f"[{100 * r.low:.0f}%, {100 * r.high:.0f}%]", str(r.n), change)
    out.print(t)
    for a in night.alarms:
        flipped = ", ".join(a.flipped_tasks[:8]) or "none against the previous night"
        out.print(f"[bold red]ALARM[/] {a.group}: {100 * a.delta:+.1f} pts "
                  f"[{100 * a.low:+.1f}, {100 * a.high:+.1f}], q={a.q_sequential:.2g}; "
                  f"flipped: {flipped}", highlight=False)


def write_outputs(summary: dict[str, Any], store: Store, report_path: str | None,
                  json_path: str | None) -> None:
    """Write the HTML report and the JSON summary where asked."""
    if report_path:
        history = summaries(store, summary["assistant"], upto=summary["night"],
                            mode=summary["mode"])
        Path(report_path).write_text(render(summary, history), encoding="utf-8")
        out.print(f"report: {report_path}")
    if json_path:
        Path(json_path).write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
        out.print(f"summary: {json_path}")


def _outcome(stat: dict[str, Any] | None) -> str:
    if not stat or not stat["fails"] + stat["passes"]:
        return "[dim]not attempted[/]"
    f, n = stat["fails"], stat["fails"] + stat["passes"]
    colour = "red" if f else "green"
    return f"[{colour}]failed {f}/{n}[/]"


def lineage_tree(exploration: dict[str, Any]) -> Tree:
    """The probe's tasks as a tree: seeds, then each generated child under its parent."""
    stats = exploration["tasks"]
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in exploration["lineage"]:
        children[entry["parent"]].append(entry)
    root = Tree(f"lineage of {', '.join(exploration['focus']) or 'the campaign'}")

    def grow(node: Tree, task_id: str) -> None:
        for e in children.get(task_id, []):
            if e["accepted"]:
                label = f"{e['name']}  [cyan]{e['operator']}[/] ({e['relation']})  " \
                        f"{_outcome(stats.get(e['id']))}"
            else:
                label = f"[dim]{e['name']}  {e['operator']}  rejected: " \
                        f"{e['reason'][:160]}[/]"
            grow(node.add(label), e["id"])

    for tid, stat in sorted(stats.items(), key=lambda kv: kv[0]):
        if stat["depth"] == 0:
            grow(root.add(f"[bold]{stat.get('name', tid)}[/] (seed {tid[:8]})  {_outcome(stat)}"),
                 tid)
    return root


def print_probe(summary: dict[str, Any]) -> None:
    """Verdict per arm, the lineage tree, failure classes and gate share per operator."""
    ex = summary["exploration"]
    for arm in ex["arms"]:
        if arm["arm"] not in ex["focus"]:
            continue
        verdict = ("[bold red]WEAK SPOT FOUND[/]" if arm["flagged"]
                   else "[green]no weak spot found[/]")
        out.print(f"{verdict} {arm['arm']}: failed {arm['fails']} of "
                  f"{arm['fails'] + arm['passes']} attempts (posterior mean failure rate "
                  f"{100 * arm['failure_rate']:.0f}%, P(rate > {100 * ex['flag_rate']:.0f}%) = "
                  f"{arm['p_above']:.3f})", highlight=False)
    out.print(lineage_tree(ex))
    classes = summary.get("failure_classes") or {}
    out.print("failure classes: " + (", ".join(f"{k} x{v}" for k, v in classes.items())
                                     or "none"), highlight=False)
    out.print("generated tasks passing the gate, per operator:")
    t = Table()
    for col in ("operator", "proposed", "accepted", "share"):
        t.add_column(col, justify="left" if col == "operator" else "right")
    for op, row in ex["operators"].items():
        label = f"llm ({ex.get('generator')})" if op == "llm" else op
        t.add_row(label, str(row["proposed"]), str(row["accepted"]), f"{100 * row['share']:.0f}%")
    if not ex["operators"]:
        t.add_row("(no task generated)", "0", "0", "-")
    out.print(t)
    fb = ex.get("fallbacks") or {}
    if fb:
        out.print("requests served by another sample of their source: "
                  + ", ".join(f"{k} x{v}" for k, v in sorted(fb.items())), highlight=False)
    out.print(f"{summary['attempts']} attempts in {ex['rounds']} rounds, campaign "
              f"{summary['campaign']}", highlight=False)


def finish_probe(summary: dict[str, Any], json_path: str | None = None,
                 report_path: str | None = None) -> None:
    """Print the probe's outcome, write the JSON and the HTML report (its lineage drawing
    and gate shares), and exit 1 when a weak spot was found."""
    print_probe(summary)
    if report_path:
        Path(report_path).write_text(render(summary, []), encoding="utf-8")
        out.print(f"report: {report_path}")
    if json_path:
        Path(json_path).write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    ex = summary["exploration"]
    sys.exit(1 if set(ex["flagged"]) & set(ex["focus"]) else 0)


def finish_nightly(summary: dict[str, Any], store: Store, report_path: str | None,
                   json_path: str | None) -> None:
    """Print the night's table, write its outputs and exit: 0 nothing degraded,
    1 significant degradation, 2 no verdict (too many infra errors)."""
    print_table(summary)
    write_outputs(summary, store, report_path, json_path)
    if not summary["trustworthy"]:
        err.print(f"[yellow]{summary['infra_errors']} of {summary['attempts']} attempts hit infra "
                  "errors: no verdict tonight[/]")
        sys.exit(2)
    if summary["degraded"]:
        err.print("[bold red]significant degradation[/]")
        sys.exit(1)
    sys.exit(0)
