"""The report's "Adaptive exploration" section, rendered by headless Chromium.

One real ``codecanary probe`` through the CLI (sim null-regression profile, real
task mutators, gate and sandbox, SQLite) gives a real ``exploration`` section;
a second, built by hand in the same shape, adds what a 6-attempt probe cannot
show: children the gate rejected, the LLM mutator, a grandchild chain, a second
parent, dozens of lonely seeds and many arms. Chromium parses each page; the
test reads its DOM back (nodes, edges, tooltips, bars) and, for the real probe,
the pixels of the drawn tree.
"""

from __future__ import annotations

import colorsys
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from codecanary.report import render
from codecanary.report.lineage import MAX_NODES, lineage_svg
from generators.mutators import mutators_for
from tests.e2e.test_report_browser import CHROMIUM, FLAGS, _png_pixels

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).parent / "codecanary")
needs_chromium = pytest.mark.skipif(CHROMIUM is None,
                                    reason="chromium not installed: run scripts/bootstrap.sh")


class El:
    """One element of the DOM Chromium dumped: tag, attributes, children, own text."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: El | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[El] = []
        self.text = ""

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> list[El]:
        return [self, *(d for c in self.children for d in c.iter())]

    def find(self, tag: str | None = None, cls: str | None = None) -> list[El]:
        return [e for e in self.iter() if (tag is None or e.tag == tag)
                and (cls is None or cls in e.classes())]

    def by_id(self, ident: str) -> El:
        found = [e for e in self.iter() if e.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident}"
        return found[0]

    def title(self) -> str:
        return next((c.text for c in self.children if c.tag == "title"), "")

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)


class _Tree(HTMLParser):
    VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr",
                      "source"})

    def __init__(self) -> None:
        super().__init__()
        self.root = self.cur = El("#document", {}, None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = El(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(el)
        if tag not in self.VOID:
            self.cur = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cur.children.append(El(tag, {k: v or "" for k, v in attrs}, self.cur))

    def handle_endtag(self, tag: str) -> None:
        el: El | None = self.cur
        while el is not None and el.tag != tag:
            el = el.parent
        if el is not None and el.parent is not None:
            self.cur = el.parent

    def handle_data(self, data: str) -> None:
        self.cur.text += data


def chromium_dom(page: Path) -> El:
    """The DOM of ``page`` as Chromium parsed it (``--dump-dom``)."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                              page.as_uri()], capture_output=True, text=True, timeout=120)
    assert "<svg" in run.stdout, run.stderr[-2000:]
    tree = _Tree()
    tree.feed(run.stdout)
    return tree.root


def screenshot(page: Path, size: tuple[int, int]) -> tuple[int, int, list[bytes]]:
    assert CHROMIUM is not None
    shot = page.with_suffix(".png")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
                        f"--window-size={size[0]},{size[1]}", page.as_uri()],
                       capture_output=True, timeout=120, check=True)
    return _png_pixels(shot)


def operator_shares(lineage: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What the campaign writes as ``exploration.operators`` (accepted / proposed)."""
    proposed = Counter(e["operator"] for e in lineage)
    accepted = Counter(e["operator"] for e in lineage if e["accepted"])
    return {op: {"proposed": n, "accepted": accepted[op], "share": accepted[op] / n}
            for op, n in sorted(proposed.items())}


@pytest.fixture(scope="module")
def probe_summary(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real probe of null-handling@python: 6 attempts, real mutators and gate."""
    tmp = tmp_path_factory.mktemp("probe")
    run = subprocess.run(
        [CLI, "probe", "--weakness", "null-handling", "--language", "python", "--budget", "6",
         "--assistant", f"sim:{ROOT / 'examples' / 'profiles' / 'null-regression.toml'}",
         "--db", f"sqlite:///{tmp / 'p.db'}", "--tasks", str(ROOT / "tests/fixtures/mini_suite"),
         "--night", "2026-01-02", "--json", "probe.json"],
        cwd=tmp, capture_output=True, text=True, timeout=1200)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    summary: dict[str, Any] = json.loads((tmp / "probe.json").read_text())
    assert summary["exploration"]["lineage"], "the probe generated no child"
    return summary


def _entry(tid: str, parent: str, op: str, arm: str, depth: int, rnd: int,
           reason: str = "ok", **params: Any) -> dict[str, Any]:
    return {"id": tid, "name": f"{tid}-g{depth}", "parent": parent, "operator": op,
            "params": {"depth": depth, **params}, "arm": arm, "relation": "child",
            "round": rnd, "depth": depth, "accepted": reason == "ok", "reason": reason}


def _task(name: str, arm: str, depth: int, parent: str | None, fails: int,
          passes: int) -> dict[str, Any]:
    return {"arm": arm, "name": name, "fails": fails, "passes": passes, "depth": depth,
            "parent": parent, "last": None, "next_sample": fails + passes}


def hunt_exploration() -> dict[str, Any]:
    """A nightly's exploration section: 76 seeds over 26 arms, 3 of them with children."""
    nh, cc, bc = "null-handling@python", "concurrency@python", "borrow-checking@rust"
    op = {a: [m.name for m in mutators_for(*a.split("@")) if not m.name.endswith("/compose")]
          for a in (nh, cc, bc)}
    tasks = {f"seed{i:02d}": _task(f"seed-{i:02d}", f"area{i % 23}@python", 0, None, 0, 1)
             for i in range(73)}
    tasks |= {"nhseed": _task("display-name", nh, 0, None, 3, 1),
              "ccseed": _task("stats-lock", cc, 0, None, 0, 2),
              "bcseed": _task("borrow-merge", bc, 0, None, 1, 1)}
    lineage = [
        _entry("nh1", "nhseed", op[nh][1], nh, 1, 1),
        _entry("nh2", "nh1", op[nh][3], nh, 2, 2),
        _entry("nh3", "nh2", op[nh][2], nh, 3, 3),
        _entry("nhx", "nhseed", op[nh][0], nh, 1, 1,
               reason="mutation score 0.62 < 0.8: 5 of 13 fault mutants survive"),
        _entry("llm1", "nhseed", "llm", nh, 1, 2),
        _entry("llmx", "nhseed", "llm", nh, 1, 3, reason="reply is not one JSON object"),
        _entry("cc1", "ccseed", op[cc][3], cc, 1, 1),
        _entry("ccx", "ccseed", op[cc][1], cc, 1, 2, reason="reference failed run 2 of 3"),
        _entry("cc2", "ccseed", "concurrency/compose", cc, 1, 3, partner="cc1",
               partner_name="cc1-g1"),
        _entry("nh4", "nh1", "null-handling/compose", nh, 2, 3, partner="seed05",
               partner_name="seed-05"),  # its partner is a lonely seed: not drawn
        _entry("bc1", "bcseed", op[bc][1], bc, 1, 1),
    ]
    stats = {"nh1": (1, 0), "nh2": (0, 2), "nh4": (1, 0), "llm1": (2, 0), "cc1": (0, 3),
             "cc2": (1, 1), "bc1": (1, 0)}
    for e in lineage:
        if e["accepted"]:
            tasks[e["id"]] = _task(e["name"], e["arm"], e["depth"], e["parent"],
                                   *stats.get(e["id"], (0, 0)))
    arms = [{"arm": a, "fails": f, "passes": p, "failure_rate": (1 + f) / (2 + f + p),
             "p_above": pa, "flagged": a == nh}
            for a, f, p, pa in [(nh, 8, 2, 0.99), (cc, 1, 6, 0.2), (bc, 2, 1, 0.6)]]
    arms += [{"arm": f"area{i}@python", "fails": 0, "passes": 3, "failure_rate": 0.2,
              "p_above": 0.1 + i / 100, "flagged": False} for i in range(23)]
    return {"mode": "nightly", "budget": 120, "seed": 7, "rounds": 3, "focus": [],
            "flag_rate": 0.3, "flag_confidence": 0.95, "flagged": [nh], "arms": arms,
            "tasks": tasks, "lineage": lineage, "fallbacks": {"repeat": 5},
            "operators": operator_shares(lineage)}


def _write(tmp: Path, summary: dict[str, Any]) -> Path:
    page = tmp / "report.html"
    page.write_text(render(summary, []), encoding="utf-8")
    return page


@needs_chromium
def test_real_probe_lineage_is_drawn_node_by_node_with_its_operators(
        probe_summary: dict[str, Any], tmp_path: Path) -> None:
    ex = probe_summary["exploration"]
    dom = chromium_dom(_write(tmp_path, probe_summary))
    svg = dom.by_id("lineage-tree")
    assert svg.tag == "svg"
    nodes = {n.attrs["data-id"]: n for n in svg.find("g", "lineage-node")}
    seeds = {t for t, s in ex["tasks"].items() if s["depth"] == 0}
    assert set(nodes) == {e["id"] for e in ex["lineage"]} | seeds
    for tid, stat in ex["tasks"].items():
        n = stat["fails"] + stat["passes"]
        assert nodes[tid].attrs["data-outcome"] == (f"{stat['passes']}/{n}" if n else "untried")
        assert stat["name"] in nodes[tid].title()
    edges = svg.find("g", "lineage-edge")
    assert sorted((g.attrs["data-from"], g.attrs["data-to"], g.attrs["data-operator"])
                  for g in edges) == sorted((e["parent"], e["id"], e["operator"])
                                            for e in ex["lineage"])
    for g in edges:  # the label drawn on the edge is the operator's name
        label = g.find("text", "edge-label")[0].all_text()
        assert label == g.attrs["data-operator"].split("/")[-1]
    bars = {b.attrs["data-operator"]: b for b in dom.by_id("gate-share").find("g", "gate-bar")}
    assert set(bars) == set(ex["operators"])
    for op, row in ex["operators"].items():
        assert f"{row['accepted']}/{row['proposed']}" in bars[op].all_text()
        assert float(bars[op].attrs["data-share"]) == pytest.approx(row["share"], abs=1e-3)
    assert dom.by_id("weak-spots").find("tr", "bad")[0].attrs["data-arm"] == ex["flagged"][0]


@needs_chromium
def test_real_probe_tree_is_painted_in_pass_rate_colours(
        probe_summary: dict[str, Any], tmp_path: Path) -> None:
    page = render(probe_summary, [])
    svg = re.search(r'<svg id="lineage-tree".*?</svg>', page, re.S)
    assert svg
    alone = tmp_path / "tree.html"
    alone.write_text(f"<!doctype html><body style='margin:0'>{svg.group(0)}</body>")
    _, _, rows = screenshot(alone, (600, 300))

    def count(rgb: tuple[int, int, int]) -> int:
        return sum(1 for row in rows for i in range(0, len(row), 3)
                   if all(abs(row[i + k] - rgb[k]) <= 3 for k in range(3)))

    # every node is filled by its pass rate: hsl(120 * rate, 62%, 72%), grey when untried
    ex = probe_summary["exploration"]
    drawn = {e["id"] for e in ex["lineage"]} | {e["parent"] for e in ex["lineage"]}
    rates = {(s["passes"], s["fails"] + s["passes"]) for t, s in ex["tasks"].items()
             if t in drawn}
    for passes, n in rates:
        r, g, b = colorsys.hls_to_rgb(passes / n / 3, 0.72, 0.62) if n else (0.85, 0.85, 0.85)
        rgb = (round(255 * r), round(255 * g), round(255 * b))
        assert count(rgb) > 1500, f"no node painted {rgb} for {passes}/{n} passed"


@needs_chromium
def test_rejected_llm_partner_and_lonely_seeds_in_the_browser(tmp_path: Path) -> None:
    ex = hunt_exploration()
    summary = {"campaign": 9, "night": "2026-02-01", "assistant": "sim", "version": "v1",
               "mode": "nightly", "trustworthy": True, "degraded": False, "overall": None,
               "attempts": 0, "infra_errors": 0, "tokens": 0, "cost_usd": 0.0, "cells": [],
               "comparisons": [], "failure_classes": {}, "flips": [], "lineage": [],
               "baseline": None, "exploration": ex}
    dom = chromium_dom(_write(tmp_path, summary))
    svg = dom.by_id("lineage-tree")
    nodes = {n.attrs["data-id"]: n for n in svg.find("g", "lineage-node")}
    assert set(nodes) == {"nhseed", "ccseed", "bcseed"} | {e["id"] for e in ex["lineage"]}
    assert "73 seed(s) had no generated children" in dom.by_id("lineage-note").all_text()
    for e in ex["lineage"]:
        node = nodes[e["id"]]
        rect = node.find("rect")[0]
        if e["accepted"]:
            assert "rejected" not in node.classes() and "stroke-dasharray" not in rect.attrs
        else:
            assert "rejected" in node.classes() and node.attrs["data-outcome"] == "rejected"
            assert rect.attrs["stroke"] == "#d62728" and rect.attrs["stroke-dasharray"]
            assert f"rejected by the gate: {e['reason']}" in node.title()
    assert nodes["nh3"].attrs["data-outcome"] == "untried"
    assert nodes["nh3"].find("rect")[0].attrs["fill"] == "#d9d9d9"
    assert nodes["cc1"].find("rect")[0].attrs["fill"] == "hsl(120,62%,72%)"
    # depth: the grandchild chain is indented one step per generation
    xs = [float(nodes[t].find("rect")[0].attrs["x"]) for t in ("nhseed", "nh1", "nh2", "nh3")]
    assert xs == sorted(xs) and len(set(xs)) == 4
    partner = svg.find("path", "partner-edge")
    assert len(partner) == 1 and partner[0].title() == "second parent"
    ys = {t: float(nodes[t].find("rect")[0].attrs["y"]) + 9 for t in ("cc1", "cc2")}
    ends = re.findall(r"[\d.]+,([\d.]+)", partner[0].attrs["d"])
    assert {float(ends[0]), float(ends[-1])} == set(ys.values())  # from cc1 to cc2
    assert "second parent: seed-05" in nodes["nh4"].title()
    rejected_edges = [g for g in svg.find("g", "lineage-edge") if "rejected" in g.classes()]
    assert {g.attrs["data-to"] for g in rejected_edges} == {"nhx", "llmx", "ccx"}

    bars = {b.attrs["data-operator"]: b for b in dom.by_id("gate-share").find("g", "gate-bar")}
    assert set(bars) == set(ex["operators"])
    assert bars["llm"].attrs["data-llm"] == "true" and "LLM mutator" in bars["llm"].all_text()
    assert bars["llm"].attrs["data-below-goal"] == "false"  # 1/2, but no goal for the LLM
    below = {op for op, b in bars.items() if b.attrs["data-below-goal"] == "true"}
    assert below == {op for op, r in ex["operators"].items() if op != "llm" and r["share"] < .8}
    goal = dom.by_id("gate-goal")
    share_x = float(bars["llm"].find("rect", "share")[0].attrs["x"])
    full = float(bars["llm"].find("rect")[0].attrs["width"])
    assert float(goal.attrs["x1"]) == pytest.approx(share_x + 0.8 * full)
    for op, b in bars.items():
        assert float(b.find("rect", "share")[0].attrs["width"]) == pytest.approx(
            full * ex["operators"][op]["share"], abs=0.1)
    verdict = dom.by_id("gate-goal-verdict").all_text()
    assert "7 of 9 generated tasks passed the gate (78%)" in verdict

    weak = dom.by_id("weak-spots").find("tr")[1:]
    assert [r.attrs["data-arm"] for r in weak][:2] == ["null-handling@python",
                                                      "borrow-checking@rust"]
    assert len(weak) == 10 and "16 other cell(s)" in dom.all_text()


def test_page_has_no_external_reference(probe_summary: dict[str, Any]) -> None:
    page = render(probe_summary | {"exploration": hunt_exploration()}, [])
    assert "id=exploration" in page and 'id="lineage-tree"' in page
    assert not re.search(r"<script|<link|<iframe|<img|\bsrc=|@import|url\(", page, re.I)
    assert set(re.findall(r'href="([^"]*)"', page)) <= {"#exploration"}
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}


def test_without_exploration_the_section_and_pointer_are_absent(
        probe_summary: dict[str, Any]) -> None:
    plain = {k: v for k, v in probe_summary.items() if k != "exploration"}
    page = render(plain, [])
    assert "Adaptive exploration" not in page and "lineage-tree" not in page
    assert "<details>" not in page
    assert "<details>" in render(probe_summary, [])


def test_cap_keeps_whole_failing_lineages_and_says_what_was_cut() -> None:
    arm = "concurrency@python"
    ops = [m.name for m in mutators_for("concurrency", "python")]
    tasks, lineage = {}, []
    for s in range(120):  # 120 seeds x (1 + 3 children) = 480 tasks, above the cap
        sid = f"s{s:03d}"
        tasks[sid] = _task(f"seed-{s:03d}", arm, 0, None, 1 if s % 10 == 0 else 0, 1)
        for c in range(3):
            e = _entry(f"{sid}c{c}", sid, ops[c], arm, 1, 1)
            lineage.append(e)
            tasks[e["id"]] = _task(e["name"], arm, 1, sid, 1 if s % 10 == 0 else 0, 1)
    svg = lineage_svg({"tasks": tasks, "lineage": lineage})
    drawn = set(re.findall(r'class="lineage-node [a-z]+" data-id="([^"]+)"', svg))
    assert len(drawn) == MAX_NODES  # 75 whole lineages of 4
    assert all(f"s{s:03d}" in drawn for s in range(0, 120, 10))  # the failing ones first
    assert all(f"s{s:03d}c{c}" in drawn for s in range(0, 120, 10) for c in range(3))
    assert "45 lineage(s) with 180 task(s)" in svg

    chain = [_entry(f"k{i}", f"k{i - 1}" if i else "root", ops[0], arm, i + 1, i)
             for i in range(400)]  # one lineage bigger than the cap: cut, parents kept
    one = lineage_svg({"tasks": {"root": _task("root", arm, 0, None, 0, 0)}, "lineage": chain})
    ids = re.findall(r'class="lineage-node [a-z]+" data-id="([^"]+)"', one)
    assert len(ids) == MAX_NODES and ids[:2] == ["root", "k0"]
    assert f"cut after its first {MAX_NODES} of 401 tasks" in one
