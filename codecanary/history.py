"""Nights of one assistant over time: baseline windows, lineage, version changes.

History is keyed by the assistant's id (``sim``, ``anthropic:claude-...``) and
each night keeps the exact version it ran (model name, CLI version, profile).
The baseline of a night is the window of the ``window`` latest finished nights
of the same assistant and mode strictly before it, whatever their version: a
new version that is worse is exactly what must be caught. Pairing happens per
task, so when the suite changes only the tasks both sides ran are compared.
A change of version is found from the nights' versions and compared as a
before/after (the last ``window`` nights of the old version against the nights
of the new one).

Everything here is computed from values already read
(:mod:`codecanary.night_data` does the reading), so it never touches the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from codecanary.stats import (
    Counts,
    MonitorConfig,
    TaskInfo,
    benjamini_hochberg,
    group_tasks,
    paired_difference,
    sum_counts,
)


@dataclass(frozen=True)
class Night:
    """One campaign as history sees it: which night, whose, which version, how it ended.

    summary: the summary stored when it finished (empty while it runs); the
    next night reads its CUSUM state from there.
    """

    id: int
    night: str
    mode: str
    assistant: str
    version: str
    status: str = "done"
    summary: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class GroupChange:
    """Paired before/after of one area or ``area@language`` cell across a version change."""

    group: str
    tasks: int
    n: int
    before: float
    after: float
    delta: float
    low: float
    high: float
    p_value: float
    q_value: float
    significant_drop: bool

    def to_json(self) -> dict[str, Any]:
        """The group as the JSON summary writes it."""
        return asdict(self)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> GroupChange:
        """The group back from its JSON form."""
        return cls(**{f.name: d[f.name] for f in fields(cls)})


@dataclass(frozen=True)
class VersionChange:
    """The latest change of version among some nights, compared before/after.

    old -> new: the versions (JSON ``from``/``to``); first_night: the first night
    of the new version; before_nights/after_nights: the nights compared.
    """

    old: str
    new: str
    first_night: str
    before_nights: tuple[str, ...]
    after_nights: tuple[str, ...]
    groups: tuple[GroupChange, ...]

    def to_json(self) -> dict[str, Any]:
        """The section as the JSON summary writes it (``version_change``)."""
        return {"from": self.old, "to": self.new, "first_night": self.first_night,
                "before_nights": list(self.before_nights),
                "after_nights": list(self.after_nights),
                "groups": [g.to_json() for g in self.groups]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> VersionChange:
        """The section back from its JSON form."""
        return cls(old=d["from"], new=d["to"], first_night=d["first_night"],
                   before_nights=tuple(d["before_nights"]),
                   after_nights=tuple(d["after_nights"]),
                   groups=tuple(GroupChange.from_json(g) for g in d["groups"]))


def latest_nights(nights: Iterable[Night], mode: str = "nightly",
                  before: str | None = None) -> list[Night]:
    """The finished ``mode`` nights, oldest first, the latest run of each night only.

    ``nights`` must be ordered by (night, id), as the store lists campaigns.
    """
    by_night: dict[str, Night] = {}
    for c in nights:
        if c.status == "done" and c.mode == mode and (before is None or c.night < before):
            by_night[c.night] = c  # ordered by (night, id): the last one wins
    return [by_night[n] for n in sorted(by_night)]


def counts(rows: Iterable[Mapping[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per task (passed, attempts) of a night's result rows, infra errors excluded."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r.get("infra_error"):
            continue
        c = out[str(r["task_id"])]
        c[0] += bool(r["passed"])
        c[1] += 1
    return {t: (v[0], v[1]) for t, v in out.items()}


def task_infos(rows: Iterable[Mapping[str, Any]], root_of: Mapping[str, str]
               ) -> dict[str, TaskInfo]:
    """Task id -> (area, language, lineage root) for the tasks in result rows."""
    return {str(r["task_id"]): TaskInfo(str(r["area"]), str(r["language"]),
                                        root_of.get(str(r["task_id"]), str(r["task_id"])))
            for r in rows}


def version_change(nights: Sequence[Night], results: Mapping[int, Sequence[Mapping[str, Any]]],
                   info: Mapping[str, TaskInfo], window: int) -> VersionChange | None:
    """Before/after comparison of the latest version change among ``nights`` (oldest first).

    ``results`` maps campaign id -> result rows for (at least) the nights used.
    Returns None when every night ran the same version.
    """
    if len({n.version for n in nights}) < 2:
        return None
    new = nights[-1].version
    i = len(nights) - 1
    while i > 0 and nights[i - 1].version == new:
        i -= 1
    if i == 0:
        return None
    after = nights[i:][:window]
    old = nights[i - 1].version
    j = i
    while j > 0 and nights[j - 1].version == old and i - j < window:
        j -= 1
    before = nights[j:i]
    a = sum_counts([counts(results[c.id]) for c in after if c.id in results])
    b = sum_counts([counts(results[c.id]) for c in before if c.id in results])
    return VersionChange(old=old, new=new, first_night=nights[i].night,
                         before_nights=tuple(c.night for c in before),
                         after_nights=tuple(c.night for c in after),
                         groups=tuple(compare_counts(a, b, info)))


def compare_counts(after: Counts, before: Counts, info: Mapping[str, TaskInfo]
                   ) -> list[GroupChange]:
    """Paired difference per area and area@language cell, BH q-values across them."""
    common = [t for t in after if t in before and t in info]
    rootmap = {t: i.root for t, i in info.items()}
    diffs = {}
    for g, members in group_tasks(info, common).items():
        d = paired_difference({t: after[t] for t in members}, {t: before[t] for t in members},
                              rootmap)
        if d is not None:
            diffs[g] = d
    q = benjamini_hochberg({g: d.p_value for g, d in diffs.items()})
    return [GroupChange(group=g, tasks=d.tasks, n=d.n, before=d.before, after=d.after,
                        delta=d.delta, low=d.low, high=d.high, p_value=d.p_value,
                        q_value=q[g], significant_drop=q[g] <= MonitorConfig.q and d.delta < 0)
            for g, d in diffs.items()]
