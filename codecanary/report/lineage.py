"""The campaign's lineage drawn as an inline SVG tree (no script, no CDN: the report stays offline).

Input is the summary's ``exploration`` section: ``lineage`` (every generated
candidate, accepted or rejected by the gate, with its parent and operator) and
``tasks`` (per task the policy's outcome counts). Output is one ``<svg>``:

- one row per task, seeds at the left and every child indented under its parent
  (a file-tree layout: readable at a few hundred nodes, no overlapping labels);
- each edge labelled with the operator that produced the child;
- each node filled by its pass rate (red 0% .. green 100%, grey: never attempted),
  rejected children with a dashed red outline and the gate's reason in a
  ``<title>`` tooltip;
- a thin dotted edge from a second parent (``params["partner"]``, for operators
  that compose two parents) when that parent is drawn too.

Only lineages with generated children are drawn (a nightly has dozens of lonely
seeds, counted instead); above :data:`MAX_NODES` whole lineages are left out,
most failing ones kept first, and the note says what was cut.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

MAX_NODES = 300
ROW, BOX_H, BOX_W, INDENT, LEFT, TOP = 24, 18, 210, 170, 8, 34
GREY, REJECT, EDGE = "#d9d9d9", "#d62728", "#8a8a8a"
LEGEND_W = 560


@dataclass
class Node:
    """One drawn task: a seed (``entry`` None) or a generated candidate."""

    id: str
    name: str
    entry: dict[str, Any] | None
    stat: dict[str, Any] | None
    children: list[Node] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return self.entry is not None and not self.entry.get("accepted")

    @property
    def outcomes(self) -> tuple[int, int]:
        """(passes, attempts with an outcome)."""
        s = self.stat or {}
        passes, fails = int(s.get("passes") or 0), int(s.get("fails") or 0)
        return passes, passes + fails

    def size(self) -> int:
        return 1 + sum(c.size() for c in self.children)

    def fails(self) -> int:
        passes, n = self.outcomes
        return n - passes + sum(c.fails() for c in self.children)


def _e(x: object) -> str:
    return html.escape(str(x))


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "\u2026"


def fill(passes: int, n: int) -> str:
    """Node fill: grey when never attempted, else a hue from red (0% passed) to green (100%)."""
    return GREY if n == 0 else f"hsl({120 * passes / n:.0f},62%,72%)"


def build_forest(exploration: dict[str, Any]) -> tuple[list[Node], int]:
    """The lineages that have generated children, and how many seeds had none.

    A root is the parent of a candidate that is not itself a candidate (a seed, or
    a task of an earlier campaign); children are ordered by round, then name.
    """
    tasks: dict[str, Any] = exploration.get("tasks") or {}
    entries = [e for e in exploration.get("lineage") or [] if e.get("id")]
    by_parent: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ids = {e["id"] for e in entries}
    for e in entries:
        by_parent[str(e.get("parent") or "")].append(e)

    def grow(node: Node, seen: set[str]) -> Node:
        for e in sorted(by_parent.get(node.id, []), key=lambda e: (e.get("round", 0), e["name"])):
            if e["id"] not in seen:  # a malformed log must not loop forever
                seen.add(e["id"])
                node.children.append(grow(Node(e["id"], str(e.get("name") or e["id"]), e,
                                               tasks.get(e["id"])), seen))
        return node

    roots = []
    for pid in sorted({str(e.get("parent") or "") for e in entries} - ids):
        stat = tasks.get(pid)
        name = str((stat or {}).get("name") or (pid[:12] if pid else "(no parent)"))
        roots.append(grow(Node(pid, name, None, stat), set()))
    lonely = sum(1 for tid, s in tasks.items()
                 if not s.get("depth") and tid not in by_parent)
    return roots, lonely


def _arm(root: Node) -> str:
    if root.stat and root.stat.get("arm"):
        return str(root.stat["arm"])
    return str(root.children[0].entry.get("arm", "")) if root.children and \
        root.children[0].entry else ""


def select(roots: list[Node], max_nodes: int) -> tuple[list[Node], list[Node], int]:
    """Whole lineages up to ``max_nodes`` nodes, most failures (then largest) first.

    Returns (drawn, left out, nodes of a lineage truncated when even the first
    one does not fit: drawn in preorder, so every drawn child has its parent).
    """
    ranked = sorted(roots, key=lambda r: (-r.fails(), -r.size(), r.name))
    drawn, out, total = [], [], 0
    for r in ranked:
        if total + r.size() <= max_nodes:
            drawn.append(r)
            total += r.size()
        else:
            out.append(r)
    truncated = 0
    if not drawn and out:
        drawn, truncated = [out.pop(0)], max_nodes
    return sorted(drawn, key=lambda r: (_arm(r), r.name)), out, truncated


def _rows(roots: list[Node], limit: int) -> list[tuple[Node | str, int, int]]:
    """(node or arm heading, level, parent row or -1), preorder, at most ``limit`` nodes."""
    rows: list[tuple[Node | str, int, int]] = []
    count = 0

    def walk(node: Node, level: int, parent: int) -> None:
        nonlocal count
        if count >= limit:
            return
        count += 1
        rows.append((node, level, parent))
        me = len(rows) - 1
        for c in node.children:
            walk(c, level + 1, me)

    arm = None
    for r in roots:
        if _arm(r) != arm:
            arm = _arm(r)
            rows.append((arm or "(no arm)", 0, -1))
        walk(r, 0, -1)
    return rows


def _tooltip(node: Node) -> str:
    passes, n = node.outcomes
    e = node.entry
    lines = [f"{node.name} ({node.id})"]
    if e is not None:
        lines.append(f"{e.get('operator')} ({e.get('relation', 'child')}, round "
                     f"{e.get('round', '?')}, depth {e.get('depth', '?')})")
    partner = (e or {}).get("params", {}).get("partner")
    if partner:
        lines.append("second parent: "
                     f"{(e or {}).get('params', {}).get('partner_name') or partner}")
    if node.rejected:
        lines.append(f"rejected by the gate: {e.get('reason', '') if e else ''}")
    else:
        lines.append(f"passed {passes} of {n}" + (f" ({100 * passes / n:.0f}%)" if n else
                                                  ": not attempted"))
    return "\n".join(lines)


def _legend() -> str:
    items = [(fill(0, 1), "", "0% passed"), (fill(1, 2), "", "50%"), (fill(1, 1), "", "100%"),
             (GREY, "", "not attempted"), ("#fff", REJECT, "rejected by the gate")]
    out, x = [], LEFT
    for colour, stroke, label in items:
        dash = f' stroke="{stroke}" stroke-dasharray="4 2"' if stroke else ' stroke="#999"'
        out.append(f'<rect x="{x}" y="6" width="14" height="12" fill="{colour}"{dash}/>'
                   f'<text x="{x + 18}" y="16">{label}</text>')
        x += 26 + 6 * len(label)
    out.append(f'<line x1="{x}" x2="{x + 24}" y1="12" y2="12" stroke="{EDGE}" '
               f'stroke-dasharray="1 2"/><text x="{x + 28}" y="16">second parent</text>')
    return "".join(out)


def lineage_svg(exploration: dict[str, Any], max_nodes: int = MAX_NODES) -> str:
    """The drawing (``<svg id="lineage-tree">``) plus a note on what was not drawn."""
    roots, lonely = build_forest(exploration)
    seeds_note = (f"{lonely} seed(s) had no generated children and are not drawn."
                  if lonely else "")
    if not roots:
        return f"<p class=muted>no task was generated. {seeds_note}</p>"
    drawn, out, truncated = select(roots, max_nodes)
    rows = _rows(drawn, truncated or max_nodes)
    ys = [TOP + ROW * i + ROW // 2 for i in range(len(rows))]
    depth = max(level for _, level, _ in rows)
    width = max(LEFT + depth * INDENT + BOX_W + 80, LEGEND_W)
    height = TOP + ROW * len(rows) + 6
    where = {n.id: i for i, (n, _, _) in enumerate(rows) if isinstance(n, Node)}
    parts = [f'<svg id="lineage-tree" width="{width}" height="{height}" viewBox="0 0 {width} '
             f'{height}" xmlns="http://www.w3.org/2000/svg" font-size="10" role="img" '
             f'aria-label="lineage of the generated tasks">', _legend()]
    edges, nodes, partners = [], [], []
    for i, (node, level, parent) in enumerate(rows):
        x, y = LEFT + level * INDENT, ys[i]
        if isinstance(node, str):
            nodes.append(f'<text class="lineage-arm" x="{x}" y="{y + 4}" font-size="12" '
                         f'font-weight="600">{_e(node)}</text>')
            continue
        passes, n = node.outcomes
        if parent >= 0 and node.entry is not None:
            ex = LEFT + (level - 1) * INDENT + 10
            op = str(node.entry.get("operator", ""))
            style = f'stroke="{REJECT}" stroke-dasharray="4 2"' if node.rejected else \
                f'stroke="{EDGE}"'
            above = rows[parent][0]
            source = above.id if isinstance(above, Node) else ""
            edges.append(f'<g class="lineage-edge{" rejected" if node.rejected else ""}" '
                         f'data-from="{_e(source)}" data-to="{_e(node.id)}" '
                         f'data-operator="{_e(op)}"><title>{_e(op)}</title>'
                         f'<path d="M{ex},{ys[parent] + BOX_H // 2} V{y}" fill="none" '
                         f'stroke="{EDGE}"/><path d="M{ex},{y} H{x}" fill="none" {style}/>'
                         f'<text class="edge-label" x="{ex + 4}" y="{y - 3}" font-size="9"'
                         f' fill="#555">{_e(_cut(op.split("/")[-1], 30))}</text></g>')
        partner = str(((node.entry or {}).get("params") or {}).get("partner") or "")
        if partner in where and partner != node.id:
            partners.append((where[partner], i))
        kind = "seed" if node.entry is None else "rejected" if node.rejected else "child"
        colour = "#fff" if node.rejected else fill(passes, n)
        stroke = (f'stroke="{REJECT}" stroke-width="1.5" stroke-dasharray="4 2"' if node.rejected
                  else f'stroke="#555" stroke-width="{2 if kind == "seed" else 1}"')
        label = _cut(node.name, 26) + ("  rejected" if node.rejected else
                                       f"  {passes}/{n}" if n else "  \u2013")
        state = "rejected" if node.rejected else f"{passes}/{n}" if n else "untried"
        nodes.append(f'<g class="lineage-node {kind}" data-id="{_e(node.id)}" '
                     f'data-outcome="{state}"><title>{_e(_tooltip(node))}</title>'
                     f'<rect x="{x}" y="{y - BOX_H // 2}" width="{BOX_W}" height="{BOX_H}" '
                     f'rx="3" fill="{colour}" {stroke}/><text x="{x + 5}" y="{y + 4}" '
                     f'fill="{REJECT if node.rejected else "#222"}" '
                     f'font-weight="{600 if kind == "seed" else 400}">{_e(label)}</text></g>')
    for k, (a, b) in enumerate(partners):
        (_, la, _), (_, lb, _) = rows[a], rows[b]
        xa, xb = LEFT + la * INDENT + BOX_W, LEFT + lb * INDENT + BOX_W
        bend = max(xa, xb) + 24 + 8 * (k % 5)
        edges.append(f'<path class="partner-edge" d="M{xa},{ys[a]} C{bend},{ys[a]} {bend},'
                     f'{ys[b]} {xb},{ys[b]}" fill="none" stroke="{EDGE}" stroke-width="1" '
                     f'stroke-dasharray="1 2"><title>second parent</title></path>')
    parts += edges + nodes + ["</svg>"]
    notes = [seeds_note] if seeds_note else []
    if out:
        notes.append(f"Not drawn (at most {max_nodes} tasks): {len(out)} lineage(s) with "
                     f"{sum(r.size() for r in out)} task(s), from "
                     + ", ".join(_e(r.name) for r in out[:8]) + (", ..." if len(out) > 8 else "")
                     + ".")
    if truncated:
        notes.append(f"The lineage of {_e(drawn[0].name)} is cut after its first {truncated} of "
                     f"{drawn[0].size()} tasks.")
    note = f'<p class=muted id="lineage-note">{" ".join(notes)}</p>' if notes else ""
    return '<div class="lineage-drawing" style="overflow-x:auto">' + "".join(parts) + "</div>" \
        + note
