"""Earlier nights as the report's charts read them, from their stored JSON summaries.

A night's summary is stored as JSON when it finishes, and the charts draw every
earlier night of the assistant, some possibly recorded by an older codecanary.
So unlike tonight (read as a full :class:`~codecanary.night_summary.NightSummary`),
the past is read tolerantly here, once: a missing field is a gap in a chart, not
an error. :class:`PastNight` holds just what the rate, cost and latency charts
draw.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Band:
    """A pass rate with its 95% interval (the bounds may be missing in old records)."""

    rate: float
    low: float | None
    high: float | None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Band:
        """The band of a rate entry of a summary."""
        return cls(rate=d["rate"], low=d.get("low"), high=d.get("high"))


def _bands(entries: Iterable[Mapping[str, Any]], key: str) -> dict[str, Band]:
    """Name -> band of a summary's ``areas`` or ``languages`` list (the first entry wins)."""
    out: dict[str, Band] = {}
    for e in entries:
        if key in e:
            out.setdefault(str(e[key]), Band.from_json(e))
    return out


@dataclass(frozen=True)
class PastNight:
    """One night on the charts: its rates, which groups alarmed, its size and cost.

    drops: the groups (area or ``area@language``) that were a significant drop.
    version: the assistant's version, or None when the record has none.
    """

    night: str
    version: str | None
    overall: Band | None
    areas: Mapping[str, Band]
    languages: Mapping[str, Band]
    drops: frozenset[str]
    attempts: int
    tokens: int
    cost_usd: float
    latency_mean: float

    @property
    def version_label(self) -> str:
        """The version as the charts label it ("" when unknown)."""
        return "" if self.version is None else str(self.version)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> PastNight:
        """Read a stored summary tolerantly (see the module docstring)."""
        overall = d.get("overall")
        return cls(
            night=d["night"], version=d.get("version"),
            overall=Band.from_json(overall) if overall else None,
            areas=_bands(d.get("areas") or [], "area"),
            languages=_bands(d.get("languages") or [], "language"),
            drops=frozenset(str(c.get("group")) for c in d.get("comparisons", [])
                            if c.get("significant_drop")),
            attempts=d.get("attempts", 0), tokens=d.get("tokens", 0),
            cost_usd=d.get("cost_usd", 0.0),
            latency_mean=(d.get("latency_s") or {}).get("mean", 0.0))


def chart_nights(history: Iterable[Mapping[str, Any]], tonight: Mapping[str, Any]
                 ) -> list[PastNight]:
    """The nights the charts draw: earlier nights up to tonight's (not tonight's own
    campaign), oldest first as given, then tonight."""
    past = [h for h in history if h.get("night") and h.get("campaign") != tonight["campaign"]
            and h["night"] <= tonight["night"]]
    return [PastNight.from_json(h) for h in [*past, tonight]]
