"""Which attempts of a night the verdict may use: the planned anchor attempts.

A nightly campaign first runs its anchor suite (every task, ``samples`` times),
then, with ``--budget``, exploration spends the rest: extra samples of anchor
tasks that just failed, and generated children. Exploration chooses where to
look from tonight's outcomes, so its attempts are not like the baseline's:
counting them would weight the comparison by failures and could raise (or mask)
an alarm on its own. The verdict (pass-rate cells, paired differences, CUSUM,
alarms, ``degraded``) therefore uses only the planned anchor attempts, tonight
and on every baseline night; :func:`exploration_tally` reports the rest apart.

An attempt is planned when its task is not generated (``origin`` is not
``"generated"``) and its sample is below the campaign's planned ``samples``
(recorded in the campaign config; a config without it plans every sample).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from codecanary.night_summary import ExploredCell

Row = dict[str, Any]


def planned_samples(config: Mapping[str, Any] | None) -> int | None:
    """The samples per task a campaign planned (its config's ``samples``), or None."""
    value = (config or {}).get("samples") if isinstance(config, Mapping) else None
    return None if value is None else int(value)


def is_anchor(row: Mapping[str, Any], samples: int | None) -> bool:
    """Whether ``row`` is a planned anchor attempt of a campaign that planned ``samples``."""
    if row.get("origin") == "generated":
        return False
    return samples is None or int(row["sample"]) < samples


def split(rows: Sequence[Row], samples: int | None) -> tuple[list[Row], list[Row]]:
    """``rows`` as (planned anchor attempts, exploration attempts), order kept."""
    anchor: list[Row] = []
    explored: list[Row] = []
    for r in rows:
        (anchor if is_anchor(r, samples) else explored).append(r)
    return anchor, explored


def exploration_tally(explored: Sequence[Row]) -> tuple[ExploredCell, ...]:
    """Exploration attempts per area and kind (``extra_samples`` of anchor tasks,
    generated ``children``): how many, how many passed, how many were infra errors.
    Sorted by area, then kind."""
    tally: dict[tuple[str, str], list[int]] = {}
    for r in explored:
        kind = "children" if r.get("origin") == "generated" else "extra_samples"
        t = tally.setdefault((str(r["area"]), kind), [0, 0, 0])
        t[0] += 1
        if r["infra_error"]:
            t[2] += 1
        else:
            t[1] += bool(r["passed"])
    return tuple(ExploredCell(area=a, kind=k, attempts=n, passed=p, infra_errors=i)
                 for (a, k), (n, p, i) in sorted(tally.items()))
