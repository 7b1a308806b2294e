"""``codecanary resume RUN_ID``: continue a campaign that died mid-way (kill -9 included).

Every campaign (nightly and probe) checkpoints after each graph node into a
SQLite file next to the database (``<db file>.checkpoints``; the path is kept
in the campaign's config). ``resume`` rebuilds the campaign's dependencies from
what the campaign recorded (its :class:`agent.campaign.CampaignSpec`: assistant,
sandbox, reviewers, samples, budget, seed, focus and the task ids; tasks come back
from the tasks table, so the suite folders are not needed) and continues from
the last checkpoint. Attempts are unique per (campaign, task, sample) and every
choice is seeded, so the resumed run ends with exactly the attempts an
uninterrupted run would have made.
"""

from __future__ import annotations

import sys

import click

from agent import opening
from agent.campaign import CampaignSpec
from codecanary.cli.common import default_reviewers, err, progress_bar
from codecanary.cli.outcome import finish_nightly, finish_probe
from codecanary.store import DEFAULT_DB, Store


@click.command()
@click.argument("run_id", type=int)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy database URL.")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Sandboxes running at once (default: as the campaign was started).")
def resume(run_id: int, db: str, workers: int | None) -> None:
    """Continue campaign RUN_ID from its last checkpoint (after a crash or kill -9).

    Exit codes as for the campaign's mode (nightly: 1 degraded; probe: 1 weak spot found).
    """
    store = Store(db)
    try:
        row = store.campaign(run_id)
    except Exception:
        raise click.ClickException(f"no campaign {run_id} in {db}; `codecanary report` "
                                   "lists nothing to resume without one") from None
    if row.status == "done":
        err.print(f"campaign {run_id} already finished; nothing to resume")
        sys.exit(0)
    spec = CampaignSpec.from_config(row.config or {}, mode=row.mode, night=row.night,
                                    assistant=row.assistant)
    if not spec.checkpoints:
        raise click.ClickException(
            f"campaign {run_id} has no checkpoint file (it ran on an in-memory database or "
            "before checkpointing existed); start it again instead")
    if spec.reviewers is None:  # recorded before reviewers were: the default, as then
        spec = spec.replace(reviewers=default_reviewers())
    if workers:
        spec = spec.replace(workers=workers)
    try:
        camp = opening.open_campaign(spec, store)
    except opening.CampaignError as exc:
        raise click.ClickException(f"campaign {run_id}: {exc.option.lstrip('-')}: "
                                   f"{exc.message}") from None
    camp.id = run_id
    progress, camp.deps.progress = progress_bar(f"resume {spec.mode} {run_id} ({spec.night})",
                                                camp.attempts)
    with progress:
        summary = opening.resume(camp)
    if spec.mode == "probe":
        finish_probe(summary, spec.outputs.json, spec.outputs.report)
    else:
        finish_nightly(summary, store, spec.outputs.report, spec.outputs.json)
