"""The typed summary of one night: what ``--json`` writes, the report draws and CI reads.

:class:`NightSummary` is built by :func:`codecanary.summary.build_summary`;
:meth:`NightSummary.to_json` gives the JSON document, field for field and in
the same order as the README ("JSON summary") documents it. Sections that
plug-ins add (``reviews`` and ``agreement`` from the reviewers, ``exploration``
from the campaign graph) stay JSON values in :attr:`NightSummary.sections`:
their shape belongs to the plug-in that writes them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from codecanary.history import VersionChange
from codecanary.stats import MonitorConfig, Rate

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def rate_json(r: Rate) -> dict[str, Any]:
    """A pass rate with its interval, as the JSON summary writes it."""
    return dataclasses.asdict(r) | {"rate": r.rate}


def rate_from_json(d: Mapping[str, Any]) -> Rate:
    """A pass rate back from its JSON form (``rate`` is derived, so it is not read)."""
    return Rate(**{f.name: d[f.name] for f in dataclasses.fields(Rate) if f.name in d})


def _plain(cls: type[T], d: Mapping[str, Any], **override: Any) -> T:
    """``cls`` built from the JSON keys named like its fields, with ``override`` on top."""
    return cls(**({f.name: d[f.name] for f in dataclasses.fields(cls) if f.name not in override}
                  | override))


@dataclass(frozen=True)
class RateCell:
    """The pass rate of one area, one language, or one area x language cell."""

    area: str | None
    language: str | None
    rate: Rate

    def to_json(self) -> dict[str, Any]:
        """``{"area"?, "language"?, passed, n, low, high, clusters, n_eff, rate}``."""
        key = {k: v for k, v in (("area", self.area), ("language", self.language))
               if v is not None}
        return key | rate_json(self.rate)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> RateCell:
        """A cell back from its JSON form."""
        return cls(area=d.get("area"), language=d.get("language"), rate=rate_from_json(d))


@dataclass(frozen=True)
class Baseline:
    """The window of earlier nights tonight is compared with (campaign ids, nights, versions)."""

    campaigns: tuple[int, ...]
    nights: tuple[str, ...]
    versions: tuple[str, ...]
    window: int

    def to_json(self) -> dict[str, Any]:
        """The ``baseline`` section."""
        return {"campaigns": list(self.campaigns), "nights": list(self.nights),
                "versions": list(self.versions), "window": self.window}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Baseline:
        """The section back from its JSON form."""
        return cls(campaigns=tuple(d["campaigns"]), nights=tuple(d["nights"]),
                   versions=tuple(d["versions"]), window=d["window"])


@dataclass(frozen=True)
class Sequential:
    """How the alarms are decided (CUSUM, BH level) and the CUSUM state for the next night."""

    k: float
    q: float
    window: int
    state: Mapping[str, float]
    method: str = "cusum"
    fdr: str = "benjamini-hochberg: areas, then cells of selected areas"

    def to_json(self) -> dict[str, Any]:
        """The ``sequential`` section."""
        return {"method": self.method, "k": self.k, "q": self.q, "window": self.window,
                "fdr": self.fdr, "state": self.state}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Sequential:
        """The section back from its JSON form."""
        return _plain(cls, d)


@dataclass(frozen=True)
class Comparison:
    """One area or ``area@language`` group tonight against the baseline.

    The paired difference (tasks, clusters, pairs, before, after, delta [low,
    high], z, p_value), its q-value tonight, the CUSUM with its sequential p and
    q (``p_adjusted`` repeats ``q_sequential`` for older readers), the verdict,
    and exact McNemar on the flips against the previous night.
    """

    group: str
    area: str
    language: str | None
    tasks: int
    clusters: int
    pairs: int
    before: float
    after: float
    delta: float
    low: float
    high: float
    z: float
    p_value: float
    q_value: float
    cusum: float
    p_sequential: float
    q_sequential: float
    p_adjusted: float
    significant_drop: bool
    pass_to_fail: int
    fail_to_pass: int
    p_mcnemar: float | None
    flipped_tasks: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """One entry of ``comparisons``."""
        return dataclasses.asdict(self) | {"flipped_tasks": list(self.flipped_tasks)}

    def alarm_json(self) -> dict[str, Any]:
        """One entry of ``alarms``: the group, its effect and the tasks that flipped."""
        return {"group": self.group, "area": self.area, "language": self.language,
                "before": self.before, "after": self.after, "delta": self.delta,
                "low": self.low, "high": self.high, "q_sequential": self.q_sequential,
                "flipped_tasks": list(self.flipped_tasks)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Comparison:
        """A comparison back from its JSON form."""
        return _plain(cls, d, flipped_tasks=tuple(d["flipped_tasks"]))


@dataclass(frozen=True)
class Flip:
    """An attempt that passed on the previous night and fails tonight, with both answers."""

    task: str
    task_id: str
    sample: int
    area: str
    language: str
    failure_class: str | None
    attempt_id: int
    before_attempt_id: int
    before: Mapping[str, str]
    after: Mapping[str, str]

    def to_json(self) -> dict[str, Any]:
        """One entry of ``flips``."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Flip:
        """A flip back from its JSON form."""
        return _plain(cls, d)


@dataclass(frozen=True)
class LineageTask:
    """A generated task run tonight: its parent and seed, and how often it passed."""

    task_id: str
    name: str
    parent: str | None
    root: str
    origin: str | None
    area: str
    language: str
    passed: int
    n: int

    def to_json(self) -> dict[str, Any]:
        """One entry of ``lineage``."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> LineageTask:
        """A lineage entry back from its JSON form."""
        return _plain(cls, d)


@dataclass(frozen=True)
class ExploredCell:
    """Exploration attempts of one area and kind, kept out of the verdict (see
    :mod:`codecanary.anchor`). kind: ``extra_samples`` (more samples of anchor
    tasks) or ``children`` (generated tasks). passed counts the attempts without
    an infra error that passed."""

    area: str
    kind: str
    attempts: int
    passed: int
    infra_errors: int

    @property
    def rate(self) -> float | None:
        """Pass rate of the attempts without an infra error (None: there were none)."""
        n = self.attempts - self.infra_errors
        return self.passed / n if n else None

    def to_json(self) -> dict[str, Any]:
        """One entry of ``exploration_attempts.areas``."""
        return dataclasses.asdict(self) | {"rate": self.rate}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ExploredCell:
        """An entry back from its JSON form."""
        return _plain(cls, d)


def exploration_json(cells: tuple[ExploredCell, ...]) -> dict[str, Any]:
    """The ``exploration_attempts`` section: what exploration ran, apart from the verdict."""
    return {"attempts": sum(c.attempts for c in cells), "in_verdict": False,
            "areas": [c.to_json() for c in cells]}


@dataclass(frozen=True)
class NightSummary:
    """The night's verdict and figures (see the module docstring and the README).

    trustworthy: infra errors stayed under the limit, so the night may claim a
    verdict; alarms and degraded follow from the comparisons only then.
    sections: plug-in sections by name, JSON values, written after the core fields.
    explored: the exploration attempts (extra samples, generated children) per
    area; the verdict (rates, comparisons, alarms) uses only the planned anchor
    attempts. Written as ``exploration_attempts`` only when there were any, so a
    night without exploration keeps the JSON it always had.
    """

    campaign: int
    mode: str
    night: str
    assistant: str
    version: str
    attempts: int
    infra_errors: int
    trustworthy: bool
    overall: Rate | None
    areas: tuple[RateCell, ...]
    languages: tuple[RateCell, ...]
    cells: tuple[RateCell, ...]
    baseline: Baseline | None
    sequential: Sequential
    comparisons: tuple[Comparison, ...]
    failure_classes: Mapping[str, int]
    tokens: int
    cost_usd: float
    latency_total: float
    latency_mean: float
    flips: tuple[Flip, ...]
    lineage: tuple[LineageTask, ...]
    version_change: VersionChange | None
    sections: Mapping[str, Any] = field(default_factory=dict)
    explored: tuple[ExploredCell, ...] = ()

    @property
    def alarms(self) -> tuple[Comparison, ...]:
        """The significant drops, when the night is trustworthy (none otherwise)."""
        if not self.trustworthy:
            return ()
        return tuple(c for c in self.comparisons if c.significant_drop)

    @property
    def degraded(self) -> bool:
        """True when some group is a significant drop on a trustworthy night."""
        return bool(self.alarms)

    def to_json(self) -> dict[str, Any]:
        """The JSON summary, a plain dict in the documented field order."""
        return {
            "campaign": self.campaign, "mode": self.mode, "night": self.night,
            "assistant": self.assistant, "version": self.version,
            "attempts": self.attempts, "infra_errors": self.infra_errors,
            "trustworthy": self.trustworthy,
            "overall": rate_json(self.overall) if self.overall else None,
            "areas": [a.to_json() for a in self.areas],
            "languages": [a.to_json() for a in self.languages],
            "cells": [c.to_json() for c in self.cells],
            "baseline": self.baseline.to_json() if self.baseline else None,
            "sequential": self.sequential.to_json(),
            "comparisons": [c.to_json() for c in self.comparisons],
            "alarms": [c.alarm_json() for c in self.alarms],
            "degraded": self.degraded,
            "failure_classes": dict(self.failure_classes),
            "tokens": self.tokens, "cost_usd": self.cost_usd,
            "latency_s": {"total": self.latency_total, "mean": self.latency_mean},
            "flips": [f.to_json() for f in self.flips],
            "lineage": [t.to_json() for t in self.lineage],
            "version_change": self.version_change.to_json() if self.version_change else None,
        } | ({"exploration_attempts": exploration_json(self.explored)} if self.explored
             else {}) | dict(self.sections)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> NightSummary:
        """A summary back from the JSON document :meth:`to_json` wrote (stored or passed on).

        Keys that are not core fields are plug-in sections, kept in their order. The
        sections the report has always drawn as optional (the per-area and
        per-language lists, baseline, sequential settings, latency, lineage,
        version change) may be missing: they read as empty.
        """
        lat = d.get("latency_s") or {}
        base, vc, seq = d.get("baseline"), d.get("version_change"), d.get("sequential")
        return cls(
            campaign=d["campaign"], mode=d["mode"], night=d["night"], assistant=d["assistant"],
            version=d["version"], attempts=d["attempts"], infra_errors=d["infra_errors"],
            trustworthy=d["trustworthy"],
            overall=rate_from_json(d["overall"]) if d["overall"] else None,
            areas=tuple(RateCell.from_json(a) for a in d.get("areas") or []),
            languages=tuple(RateCell.from_json(a) for a in d.get("languages") or []),
            cells=tuple(RateCell.from_json(c) for c in d["cells"]),
            baseline=Baseline.from_json(base) if base else None,
            sequential=Sequential.from_json(seq) if seq else _default_sequential(),
            comparisons=tuple(Comparison.from_json(c) for c in d["comparisons"]),
            failure_classes=dict(d["failure_classes"]), tokens=d["tokens"],
            cost_usd=d["cost_usd"], latency_total=lat.get("total", 0.0),
            latency_mean=lat.get("mean", 0.0),
            flips=tuple(Flip.from_json(f) for f in d["flips"]),
            lineage=tuple(LineageTask.from_json(t) for t in d.get("lineage") or []),
            version_change=VersionChange.from_json(vc) if vc else None,
            sections={k: v for k, v in d.items() if k not in CORE_KEYS},
            explored=tuple(ExploredCell.from_json(c) for c in
                           (d.get("exploration_attempts") or {}).get("areas") or []))


def _default_sequential() -> Sequential:
    """The sequential settings of a summary that does not record them: the defaults."""
    d = MonitorConfig()
    return Sequential(k=d.k, q=d.q, window=d.window, state={})


CORE_KEYS = frozenset({
    "campaign", "mode", "night", "assistant", "version", "attempts", "infra_errors",
    "trustworthy", "overall", "areas", "languages", "cells", "baseline", "sequential",
    "comparisons", "alarms", "degraded", "failure_classes", "tokens", "cost_usd", "latency_s",
    "flips", "lineage", "version_change", "exploration_attempts"})
"""The JSON keys :class:`NightSummary` owns; any other key is a plug-in section."""
