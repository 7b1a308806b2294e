"""``codecanary nightly`` and ``codecanary report``: thin commands over agent.opening."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from agent import opening
from agent.campaign import CampaignSpec, Outputs
from codecanary.cli.common import (
    err,
    executor_option,
    generator_options,
    load_anchor_tasks,
    progress_bar,
    reviewers_option,
    usage_error,
    workers_option,
)
from codecanary.cli.outcome import finish_nightly, write_outputs
from codecanary.store import DEFAULT_DB, Store

DEFAULT_ASSISTANT = "local:qwen2.5-coder-0.5b"


@click.command()
@click.option("--assistant", "assistant_id", default=DEFAULT_ASSISTANT, show_default=True,
              help="Assistant under test: sim[:profile], ...")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy database URL.")
@click.option("--night", default=None, help="Date to record the run under (YYYY-MM-DD).")
@click.option("--samples", default=None, type=click.IntRange(1, 100),
              help="Samples per task (default 3; 1 for an assistant that decodes greedily, "
                   "whose K answers would be one answer reused).")
@click.option("--tasks", "task_paths", multiple=True,
              help="Task folders (default: the default anchor suite, seed tasks and HumanEval "
                   "problems; --tasks seed_tasks for every seed task).")
@click.option("--report", "report_path", default="codecanary-report.html", show_default=True,
              help="Where to write the HTML report.")
@click.option("--json", "json_path", default=None, help="Write the JSON summary here.")
@click.option("--sandbox", "sandbox_name", default="bwrap", show_default=True,
              help="Sandbox backend (bwrap, or unsafe-local for development only).")
@workers_option()
@click.option("--window", default=14, show_default=True, type=click.IntRange(1, 365),
              help="Baseline: this many earlier nights of the same assistant.")
# Issue 5 (anthropic / claude-code): a per-run spending cap, and the Message Batches API.
@click.option("--cost-cap", "cost_cap", type=click.FloatRange(min=0), default=None,
              help="Stop asking once this many dollars are spent; the rest of the night's "
                   "attempts are infra errors 'cost cap reached' (anthropic, claude-code).")
@click.option("--batch", "use_batch", is_flag=True,
              help="anthropic: send the whole night as one Message Batch (half price), wait "
                   "for it, and adopt it again if the run is restarted.")
# Issue 6 (adaptive campaign): total attempts; exploration spends what the anchor leaves.
@click.option("--budget", default=0, show_default=True, type=click.IntRange(min=0),
              help="Total attempts of the night: the anchor suite runs in full first, then "
                   "adaptive exploration spends the rest (0: anchor suite only).")
@click.option("--seed", default=None, type=int,
              help="Seed of every exploration choice (default: from the night's date).")
@generator_options
@reviewers_option
@executor_option
def nightly(assistant_id: str, db: str, night: str | None, samples: int | None,
            task_paths: tuple[str, ...], report_path: str, json_path: str | None,
            sandbox_name: str, workers: int, cost_cap: float | None, use_batch: bool,
            window: int = 14, budget: int = 0, seed: int | None = None,
            generator: str | None = None, self_generation: bool = False,
            reviewers: str = "static", executor: str = "local") -> None:
    """Run the anchor suite, compare with the previous night, report.

    Exit code: 0 nothing degraded, 1 significant degradation, 2 error.
    """
    night = night or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(night)
    except ValueError:
        raise click.BadParameter(f"{night!r} is not a date; use YYYY-MM-DD",
                                 param_hint="--night") from None
    tasks = load_anchor_tasks(task_paths)
    spec = CampaignSpec(
        mode="nightly", assistant=assistant_id, night=night, tasks=tuple(t.id for t in tasks),
        samples=samples, budget=budget,
        seed=int(night.replace("-", "")) if seed is None else seed, sandbox=sandbox_name,
        workers=workers, generator=generator, self_generation=self_generation,
        reviewers=reviewers, executor=executor, window=window, cost_cap=cost_cap, batch=use_batch,
        outputs=Outputs(report_path and str(Path(report_path).resolve()),
                        json_path and str(Path(json_path).resolve())))
    try:
        camp = opening.open_campaign(spec, Store(db), tasks)
        if use_batch:  # submit (or adopt after a restart) one batch for the whole night
            opening.start_batch(camp, tasks)
    except opening.CampaignError as exc:
        raise usage_error(exc) from None
    if camp.batch is not None:
        if opening.batch_adopted(camp):
            err.print(f"adopting batch {camp.batch['id']} of an unfinished run of this night")
        else:
            err.print(f"submitted batch {camp.batch['id']} "
                      f"({len(opening.batch_items(camp, tasks))} requests)")
    anchor = len(tasks) * (camp.spec.samples or 1)
    if 0 < budget < anchor:
        err.print(f"[yellow]--budget {budget} is below the anchor suite ({anchor} attempts): "
                  "the anchor runs in full, nothing is left to explore[/]")
    campaign_id = opening.begin(camp)
    progress, camp.deps.progress = progress_bar(f"night {night} (campaign {campaign_id})",
                                                camp.attempts)
    with progress:
        summary = opening.run(camp)
    finish_nightly(summary, camp.deps.store, report_path, json_path)


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy database URL.")
@click.option("--campaign", type=int, default=None, help="Campaign id (default: the latest).")
@click.option("--assistant", default=None, help="Latest night of this assistant (history key).")
@click.option("--out", "report_path", default="codecanary-report.html", show_default=True)
@click.option("--json", "json_path", default=None, help="Also write the JSON summary here.")
@click.option("--open", "open_", is_flag=True, help="Open the report in a browser.")
def report(db: str, campaign: int | None, assistant: str | None, report_path: str,
           json_path: str | None, open_: bool) -> None:
    """Rebuild the HTML report (and JSON summary) of a night from the database."""
    store = Store(db)
    done = [c for c in store.campaigns(assistant) if c.status == "done"]
    chosen = [c for c in done if campaign is None or c.id == campaign]
    if not chosen:
        raise click.ClickException(
            f"no finished campaign {campaign or ''} in {db}; run `codecanary nightly` first")
    from codecanary.summary import summarize

    summary = summarize(store, chosen[-1].id)
    stored = chosen[-1].summary or {}
    if "exploration" in stored:  # the campaign's own record (policy, lineage, gate shares)
        summary["exploration"] = stored["exploration"]
    write_outputs(summary, store, report_path, json_path)
    if open_:
        import webbrowser

        webbrowser.open(Path(report_path).resolve().as_uri())
