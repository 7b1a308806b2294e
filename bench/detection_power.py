"""Detection power of codecanary's nightly statistics versus a fixed-threshold tracker.

What is simulated (and what is not):

- The outcome model is the ``sim`` assistant's own: an attempt at (task, sample,
  night) fails when ``assistants.sim._unit(seed, task, sample, night) <
  Profile.rate(area, language, night)``, with the built-in ``baseline`` profile
  (concurrency 20%, null-handling 10%, borrow-checking 20%, boundaries 10%
  faults). We call the simulator's decision function directly instead of running
  the sandbox 60 x 300 times per replicate; we assume that every injected fault
  is caught by the task's tests (the validation gate requires a high mutation
  score). Replicates differ by the profile seed.
- Suite: 100 anchor tasks over 4 areas and 2 languages (50 seeds, each with one
  generated child, so lineage clustering is exercised), 3 samples each: 300
  attempts a night. A drop of D points starts on night 31 in ``null-handling``
  only (its fault rate goes up by D) and lasts to night 60.
- codecanary: :func:`codecanary.stats.evaluate` exactly as ``nightly`` runs it
  (baseline = the 7 previous nights, paired per task, CUSUM, BH across areas and
  area x language cells). A night "flags" when any group is a significant drop.
- Fixed-threshold tracker (the public one): 50 tasks a night, one sample each;
  a night flags when its overall pass rate falls below the 95% interval around
  a fixed baseline rate (given its true value, the tracker's best case).

Printed: false-alarm rate on no-change nights, and nights needed to flag the
5- and 10-point drops (1 = flagged on the first night of the drop).
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from dataclasses import replace

from assistants.sim import _unit, load_profile
from codecanary.stats import MonitorConfig, TaskInfo, evaluate

AREAS = {"concurrency": ("python", "rust"), "null-handling": ("python", "rust"),
         "borrow-checking": ("rust",), "boundaries": ("python", "rust")}
NIGHTS, DROP_START, TARGET = 60, 31, "null-handling"
TRACKER_TASKS = 50


def suite(tasks: int = 100) -> dict[str, TaskInfo]:
    """Task id -> info: seeds and one generated child per seed, round-robin over cells."""
    cells = [(a, lang) for a, langs in AREAS.items() for lang in langs]
    cells = [c for c in cells for _ in range(2 if c[0] == "borrow-checking" else 1)]
    out: dict[str, TaskInfo] = {}
    for i in range(tasks // 2):
        area, lang = cells[i % len(cells)]
        seed = f"{area}-{lang}-{i}"
        out[seed] = TaskInfo(area, lang, seed)
        out[f"{seed}-child"] = TaskInfo(area, lang, seed)
    return out


def night_date(i: int) -> str:
    return f"2026-{1 + (i - 1) // 28:02d}-{1 + (i - 1) % 28:02d}"


Night = dict[str, tuple[bool, ...]]
"""Task id -> outcome of each sample on one night."""


def simulate(seed: int, drop: float, tasks: dict[str, TaskInfo], samples: int) -> list[Night]:
    """Every attempt's outcome for 60 nights, decided by the sim assistant's own hash."""
    profile = replace(load_profile("baseline"), seed=seed)
    nights = []
    for i in range(1, NIGHTS + 1):
        night = night_date(i)
        outcomes = {}
        for tid, info in tasks.items():
            rate = profile.rate(info.area, info.language, night)
            if i >= DROP_START and info.area == TARGET:
                rate = min(1.0, rate + drop)
            outcomes[tid] = tuple(_unit(profile.seed, tid, s, night)[0] >= rate
                                  for s in range(samples))
        nights.append(outcomes)
    return nights


def design_flags(nights: list[Night], tasks: dict[str, TaskInfo], cfg: MonitorConfig
                 ) -> list[bool]:
    """Nights flagged by codecanary (the first night has no baseline)."""
    counts = [{t: (sum(o), len(o)) for t, o in n.items()} for n in nights]
    state: dict[str, float] = {}
    flags = [False]
    for i in range(1, len(counts)):
        ev = evaluate(counts[i], counts[max(0, i - cfg.window):i], tasks, state, cfg)
        state = ev.state
        flags.append(any(g.significant_drop for g in ev.groups))
    return flags


def tracker_flags(nights: list[Night], tasks: dict[str, TaskInfo]) -> list[bool]:
    """Nights flagged by the fixed-threshold method: 50 tasks, sample 0, fixed true baseline."""
    profile = load_profile("baseline")
    chosen = list(tasks)[:: max(1, len(tasks) // TRACKER_TASKS)][:TRACKER_TASKS]
    p0 = 1 - statistics.fmean(profile.rate(tasks[t].area, tasks[t].language, night_date(1))
                              for t in chosen)
    low = p0 - 1.959964 * math.sqrt(p0 * (1 - p0) / len(chosen))
    return [sum(n[t][0] for t in chosen) / len(chosen) < low for n in nights]


def delays(flag_runs: list[list[bool]]) -> list[int | None]:
    """Nights from the start of the drop to the first flag (1 = that night), None = never."""
    out: list[int | None] = []
    for flags in flag_runs:
        hit = next((i for i in range(DROP_START - 1, NIGHTS) if flags[i]), None)
        out.append(None if hit is None else hit - DROP_START + 2)
    return out


def describe(d: list[int | None]) -> str:
    """Median delay (censored runs count as never), share flagged within 2 nights."""
    seen = sorted(x if x is not None else 10**6 for x in d)
    med = seen[len(seen) // 2]
    within2 = sum(1 for x in d if x is not None and x <= 2) / len(d)
    median = f"{med}" if med < 10**6 else f">{NIGHTS - DROP_START + 1}"
    return f"median {median:>4} nights, within 2 nights {100 * within2:5.1f}%"


def main() -> None:
    ap = argparse.ArgumentParser(description="Detection power: codecanary vs fixed threshold.")
    ap.add_argument("--replicates", type=int, default=100, help="60-night runs per scenario")
    ap.add_argument("--tasks", type=int, default=100)
    ap.add_argument("--samples", type=int, default=3)
    ap.add_argument("--window", type=int, default=MonitorConfig.window)
    ap.add_argument("--k", type=float, default=MonitorConfig.k)
    ap.add_argument("--q", type=float, default=MonitorConfig.q)
    args = ap.parse_args()
    cfg = MonitorConfig(window=args.window, k=args.k, q=args.q)
    tasks = suite(args.tasks)
    t0 = time.monotonic()
    null_design = null_tracker = 0
    null_nights_design = null_nights_tracker = 0
    runs: dict[float, tuple[list[list[bool]], list[list[bool]]]] = {}
    for drop in (0.0, 0.05, 0.10):
        ours, theirs = [], []
        for r in range(args.replicates):
            nights = simulate(20260101 + 7919 * r + int(1000 * drop), drop, tasks, args.samples)
            f, g = design_flags(nights, tasks, cfg), tracker_flags(nights, tasks)
            last = NIGHTS if drop == 0 else DROP_START - 1
            null_design += sum(f[1:last])
            null_nights_design += last - 1
            null_tracker += sum(g[:last])
            null_nights_tracker += last
            ours.append(f)
            theirs.append(g)
        runs[drop] = (ours, theirs)
    print(f"detection power: {args.replicates} replicates x {NIGHTS} nights per scenario, "
          f"sim 'baseline' profile, drop in {TARGET} from night {DROP_START}")
    print(f"codecanary: {len(tasks)} tasks x {args.samples} samples = "
          f"{len(tasks) * args.samples} attempts/night, window {cfg.window}, CUSUM k={cfg.k}, "
          f"BH q={cfg.q} over areas and area x language cells")
    print(f"fixed threshold: {TRACKER_TASKS} tasks x 1 sample, 95% interval around a fixed "
          "baseline of the overall pass rate")
    fa_d = null_design / null_nights_design
    fa_t = null_tracker / null_nights_tracker
    print(f"{'':32}{'codecanary':>44}   {'fixed threshold':>44}")
    print(f"{'false alarms, no-change nights':32}{100 * fa_d:43.2f}%   {100 * fa_t:43.2f}%")
    for drop in (0.05, 0.10):
        ours, theirs = runs[drop]
        label = f"{round(100 * drop)}-point drop, one area"
        print(f"{label:32}{describe(delays(ours)):>44}   {describe(delays(theirs)):>44}")
    ratio = fa_t / fa_d if fa_d else float("inf")
    print(f"false-alarm ratio fixed/codecanary: {ratio:.1f}x; "
          f"goal false alarms <= 5%: {'met' if fa_d <= 0.05 else 'MISSED'}; "
          f"goal 10-point drop flagged within 2 nights (median): "
          f"{'met' if _median(delays(runs[0.10][0])) <= 2 else 'MISSED'}; "
          f"run time {time.monotonic() - t0:.0f}s")


def _median(d: list[int | None]) -> int:
    seen = sorted(x if x is not None else 10**6 for x in d)
    return seen[len(seen) // 2]


if __name__ == "__main__":
    main()
