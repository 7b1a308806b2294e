"""``codecanary probe``: spend the whole budget hunting in one weakness area.

No anchor suite: the policy (agent.policy) starts from the suite's tasks of
the area (and language), attempts them, then generates siblings of what fails
and deeper children of what passes, every child through the gate. The output
is the lineage that found (or failed to find) a weak spot, the failure
classes, and the share of generated tasks that passed the gate per operator.
Exit code: 0 no weak spot found, 1 weak spot found, 2 error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from agent import opening
from agent.campaign import CampaignSpec, Outputs
from codecanary.cli.choices import LanguageChoice
from codecanary.cli.common import (
    executor_option,
    generator_options,
    load_tasks,
    progress_bar,
    reviewers_option,
    usage_error,
    workers_option,
)
from codecanary.cli.outcome import finish_probe
from codecanary.store import DEFAULT_DB, Store
from codecanary.types import WEAKNESSES


@click.command()
@click.option("--weakness", required=True, type=click.Choice(WEAKNESSES),
              help="The area to probe.")
@click.option("--language", default=None, type=LanguageChoice(),
              help="Only tasks of this language (default: every language of the area).")
@click.option("--budget", default=20, show_default=True, type=click.IntRange(min=1),
              help="Attempts to spend.")
@click.option("--assistant", "assistant_id", default="sim", show_default=True,
              help="Assistant under test: sim[:profile], ...")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy database URL.")
@click.option("--tasks", "task_paths", multiple=True, help="Task folders (default: seed suite).")
@click.option("--night", default=None, help="Date to record the probe under (YYYY-MM-DD).")
@click.option("--seed", default=0, show_default=True, type=int,
              help="Seed of every exploration choice.")
@click.option("--sandbox", "sandbox_name", default="bwrap", show_default=True,
              help="Sandbox backend (bwrap, or unsafe-local for development only).")
@workers_option()
@click.option("--json", "json_path", default=None, help="Write the JSON summary here.")
@click.option("--report", "report_path", default=None,
              help="Write the HTML report here (lineage drawing, gate share per operator).")
@generator_options
@reviewers_option
@executor_option
def probe(weakness: str, language: str | None, budget: int, assistant_id: str, db: str,
          task_paths: tuple[str, ...], night: str | None, seed: int, sandbox_name: str,
          workers: int, json_path: str | None, report_path: str | None = None,
          generator: str | None = None, self_generation: bool = False,
          reviewers: str = "static", executor: str = "local") -> None:
    """Hunt for a weak spot in one area: all the budget goes there.

    Exit code: 0 no weak spot found, 1 weak spot found, 2 error.
    """
    night = night or dt.date.today().isoformat()
    tasks = [t for t in load_tasks(task_paths)
             if t.area == weakness and (language is None or t.language == language)]
    if not tasks:
        where = ", ".join(task_paths) or "the seed suite"
        raise click.ClickException(
            f"no task of {weakness}{'@' + language if language else ''} in {where}; "
            "give --tasks with at least one such task to start from")
    focus = sorted({f"{t.area}@{t.language}" for t in tasks})
    spec = CampaignSpec(
        mode="probe", assistant=assistant_id, night=night, tasks=tuple(t.id for t in tasks),
        samples=1, budget=budget, seed=seed, focus=tuple(focus), sandbox=sandbox_name,
        workers=workers, generator=generator, self_generation=self_generation,
        reviewers=reviewers, executor=executor,
        outputs=Outputs(report_path and str(Path(report_path).resolve()),
                        json_path and str(Path(json_path).resolve())))
    try:
        camp = opening.open_campaign(spec, Store(db), tasks)
    except opening.CampaignError as exc:
        raise usage_error(exc) from None
    campaign_id = opening.begin(camp)
    progress, camp.deps.progress = progress_bar(
        f"probe {', '.join(focus)} (campaign {campaign_id})", budget)
    with progress:
        summary = opening.run(camp)
    finish_probe(summary, json_path, report_path)
