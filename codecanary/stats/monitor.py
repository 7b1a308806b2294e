"""Tonight's degradation decision: paired, clustered, sequential, FDR-controlled.

For every group (each weakness area, and each area x language cell when the area
spans several languages) :func:`evaluate`:

1. pairs tonight with the baseline window on the tasks both ran
   (:func:`~codecanary.stats.paired.paired_difference`, clustered by lineage);
2. advances that group's CUSUM with the standardized difference and converts it
   to a no-change p-value (:mod:`codecanary.stats.sequential`);
3. applies Benjamini-Hochberg across all groups at level ``q`` to the CUSUM
   p-values; a group is a *significant drop* when its q-value is at most ``q``
   and its pass rate went down.

The single-night p-value of each group (and its BH q-value) is reported too, for
reading, but the alarm is the sequential one. Everything here is pure: the
summary feeds it from the database, the detection benchmark from a simulator.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from codecanary.stats.paired import Counts, PairedDiff, benjamini_hochberg, paired_difference
from codecanary.stats.sequential import DEFAULT_K, cusum_pvalue, cusum_step


@dataclass(frozen=True)
class MonitorConfig:
    """Knobs of the decision (defaults measured by bench/detection_power.py).

    window: baseline = this many earlier nights of the same assistant.
    k: CUSUM allowance in standard errors (tuned to drops of about 2k per night).
    q: Benjamini-Hochberg level across groups; about the share of no-change
       nights with any alarm.
    """

    window: int = 14
    k: float = DEFAULT_K
    q: float = 0.07


@dataclass(frozen=True)
class TaskInfo:
    """What grouping needs to know of a task: its area, language and seed lineage."""

    area: str
    language: str
    root: str


@dataclass(frozen=True)
class GroupResult:
    """One group's verdict tonight (see the module docstring)."""

    group: str
    area: str
    language: str | None
    diff: PairedDiff
    cusum: float
    p_sequential: float
    q_sequential: float
    q_value: float
    significant_drop: bool


@dataclass(frozen=True)
class Evaluation:
    """All groups' results plus the CUSUM state to carry to the next night."""

    groups: list[GroupResult]
    state: dict[str, float] = field(default_factory=dict)
    window: int = 0


def sum_counts(nights: Sequence[Counts]) -> dict[str, tuple[int, int]]:
    """Per-task (passed, n) summed over several nights."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for night in nights:
        for t, (p, n) in night.items():
            out[t][0] += p
            out[t][1] += n
    return {t: (v[0], v[1]) for t, v in out.items()}


def group_tasks(info: Mapping[str, TaskInfo], tasks: Sequence[str]) -> dict[str, list[str]]:
    """Group key -> task ids: every area, plus ``area@language`` when the area spans languages."""
    areas: dict[str, list[str]] = defaultdict(list)
    cells: dict[str, list[str]] = defaultdict(list)
    for t in tasks:
        i = info[t]
        areas[i.area].append(t)
        cells[f"{i.area}@{i.language}"].append(t)
    out = dict(areas)
    for key, members in cells.items():
        if len(members) != len(areas[key.split("@")[0]]):
            out[key] = members
    return dict(sorted(out.items()))


def _two_stage_bh(pvalues: Mapping[str, float], q: float = 0.05) -> dict[str, float]:
    """Areas first, then the language cells of each area (Benjamini-Bogomolov style).

    Stage 1: BH q-values across areas. Stage 2: inside each area, BH across its
    cells, scaled by ``areas / areas selected at q`` so that the average FDR over
    the selected areas stays at ``q``; a cell's q-value is never below its area's.
    Cells of areas that were not selected keep q-value 1 for the alarm decision.
    """
    areas = {g: p for g, p in pvalues.items() if "@" not in g}
    out = benjamini_hochberg(areas)
    selected = max(1, sum(1 for v in out.values() if v <= q))
    by_area: dict[str, dict[str, float]] = defaultdict(dict)
    for g, p in pvalues.items():
        if "@" in g:
            by_area[g.split("@")[0]][g] = p
    for area, cells in by_area.items():
        scale = len(areas) / selected
        area_q = out.get(area, 1.0)
        for g, v in benjamini_hochberg(cells).items():
            out[g] = min(1.0, max(area_q, v * scale)) if area_q <= q else 1.0
    return out


def evaluate(tonight: Counts, baseline_nights: Sequence[Counts], info: Mapping[str, TaskInfo],
             previous_state: Mapping[str, float] | None = None,
             config: MonitorConfig | None = None) -> Evaluation:
    """Compare tonight with the last ``config.window`` baseline nights (oldest first)."""
    cfg = config or MonitorConfig()
    state = dict(previous_state or {})
    nights = list(baseline_nights)[-cfg.window:] if cfg.window > 0 else []
    if not nights:
        return Evaluation([], state, 0)
    base = sum_counts(nights)
    roots = {t: i.root for t, i in info.items()}
    common = [t for t in tonight if t in base and t in info]
    diffs: dict[str, PairedDiff] = {}
    for g, members in group_tasks(info, common).items():
        d = paired_difference({t: tonight[t] for t in members},
                              {t: base[t] for t in members}, roots)
        if d is not None:
            diffs[g] = d
    cusum = {g: cusum_step(state.get(g, 0.0), d.z, cfg.k) for g, d in diffs.items()}
    p_seq = {g: cusum_pvalue(s, cfg.k, len(nights)) for g, s in cusum.items()}
    q_seq = _two_stage_bh(p_seq, cfg.q)
    q_night = _two_stage_bh({g: d.p_value for g, d in diffs.items()}, cfg.q)
    results = []
    for g, d in diffs.items():
        area, _, lang = g.partition("@")
        results.append(GroupResult(
            group=g, area=area, language=lang or None, diff=d, cusum=cusum[g],
            p_sequential=p_seq[g], q_sequential=q_seq[g], q_value=q_night[g],
            significant_drop=q_seq[g] <= cfg.q and d.delta < 0,
        ))
    state.update(cusum)
    return Evaluation(results, state, len(nights))
