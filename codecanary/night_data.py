"""Everything a night's summary needs from the store, read in one go.

:func:`read_night` is the summary's only trip to the database: the campaign,
its result rows, its baseline window (the latest finished nights of the same
assistant and mode strictly before it, see :mod:`codecanary.history`) with
their rows, the CUSUM state the previous night left, and the seed lineage of
every task. It returns a plain frozen :class:`NightData`; everything after that
(:mod:`codecanary.summary`) computes without going back.

Like with like: the baseline nights' rows are kept to their planned anchor
attempts (:mod:`codecanary.anchor`) here, and tonight's planned samples are
recorded in :attr:`NightData.planned`, so the verdict never sees exploration.

The other store reads about nights over time live here too, so the summary and
report path has one door to the store: :func:`finished_nights` and
:func:`summaries` (the earlier nights' stored summaries the report charts).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from codecanary.anchor import planned_samples, split
from codecanary.history import Night, latest_nights
from codecanary.stats import MonitorConfig, lineage_roots
from codecanary.store import CampaignRow, Store

Row = dict[str, Any]
"""One attempt as :meth:`Store.results` returns it (task fields, outcome, answer)."""


@dataclass(frozen=True)
class NightData:
    """A night and its baseline window, as read from the store.

    night: the campaign being summarised. config: its recorded monitor settings.
    rows: all its result rows (exploration included). window: the baseline nights,
    oldest first (at most ``config.window``), with their planned anchor rows in
    ``window_rows`` (by campaign id). previous_state: the CUSUM state stored by
    the last window night. roots: task id -> id of its seed task, for every task
    the database knows. planned: tonight's planned samples per task (None: every
    sample is planned); :attr:`anchor` and :attr:`explored` split ``rows`` by it.
    """

    night: Night
    config: MonitorConfig
    rows: list[Row]
    window: tuple[Night, ...]
    window_rows: Mapping[int, list[Row]]
    previous_state: Mapping[str, float]
    roots: Mapping[str, str]
    planned: int | None = None

    @property
    def anchor(self) -> list[Row]:
        """Tonight's planned anchor attempts: the only rows the verdict uses."""
        return split(self.rows, self.planned)[0]

    @property
    def explored(self) -> list[Row]:
        """Tonight's exploration attempts (extra samples, generated children)."""
        return split(self.rows, self.planned)[1]


def monitor_config(config: Mapping[str, Any]) -> MonitorConfig:
    """The monitor settings recorded in a campaign's config (defaults otherwise)."""
    m = config.get("monitor", {}) if isinstance(config, dict) else {}
    d = MonitorConfig()
    return MonitorConfig(window=int(m.get("window", d.window)), k=float(m.get("k", d.k)),
                         q=float(m.get("q", d.q)))


def _night(c: CampaignRow) -> Night:
    return Night(id=c.id, night=c.night, mode=c.mode, assistant=c.assistant,
                 version=c.assistant_version, status=c.status, summary=c.summary or {})


def read_night(store: Store, campaign_id: int) -> NightData:
    """Read campaign ``campaign_id`` and its baseline window (see the module docstring)."""
    row = store.campaign(campaign_id)
    camp, cfg = _night(row), monitor_config(row.config)
    rows_of = store.campaigns(camp.assistant)
    planned = {c.id: planned_samples(c.config) for c in rows_of}
    history = [_night(c) for c in rows_of]
    window = tuple(latest_nights(history, camp.mode, before=camp.night)[-cfg.window:])
    previous = window[-1].summary if window else {}
    return NightData(
        night=camp, config=cfg, rows=store.results(campaign_id), window=window,
        window_rows={c.id: split(store.results(c.id), planned.get(c.id))[0] for c in window},
        previous_state=(previous or {}).get("sequential", {}).get("state", {}),
        roots=lineage_roots(store.task_parents()), planned=planned_samples(row.config))


def finished_nights(store: Store, assistant: str, mode: str = "nightly",
                    before: str | None = None) -> list[Night]:
    """Finished campaigns of ``assistant``, oldest first, the latest run of each night only."""
    return latest_nights([_night(c) for c in store.campaigns(assistant)], mode, before)


def summaries(store: Store, assistant: str, upto: str | None = None,
              mode: str = "nightly") -> list[dict[str, Any]]:
    """The stored summaries of the assistant's finished nights (oldest first), for charts."""
    return [c.summary for c in finished_nights(store, assistant, mode)
            if c.summary and (upto is None or c.night <= upto)]
