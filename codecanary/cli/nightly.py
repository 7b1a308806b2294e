"""``codecanary nightly`` and ``codecanary report``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from agent.state import Deps, TaskCache
from assistants.base import create
from codecanary.cli.common import (
    err,
    generator_options,
    load_anchor_tasks,
    make_llm,
    make_sandbox,
    out,
    workers_option,
)
from codecanary.cli.resume import progress_bar, run_checkpointed
from codecanary.night_data import summaries
from codecanary.night_summary import NightSummary
from codecanary.report import render
from codecanary.store import DEFAULT_DB, Store, checkpoint_path

DEFAULT_ASSISTANT = "local:qwen2.5-coder-0.5b"


def print_table(summary: dict[str, Any]) -> None:
    """The night's weakness x language table, with changes against the baseline window."""
    night = NightSummary.from_json(summary)
    comp = {c.group: c for c in night.comparisons}
    t = Table(title=f"{night.assistant} {night.version} — night {night.night}")
    for col in ("weakness", "language", "pass rate", "95% interval", "n", "vs baseline [95%]"):
        t.add_column(col, justify="left" if col in ("weakness", "language") else "right")
    for c in night.cells:
        area, lang, r = str(c.area), str(c.language), c.rate
        cmp_ = comp.get(f"{area}@{lang}") or comp.get(area)
        change = "-"
        if cmp_:
            change = (f"{100 * cmp_.delta:+.1f} pts [{100 * cmp_.low:+.1f}, "
                      f"{100 * cmp_.high:+.1f}]" + ("" if "@" in cmp_.group else " (area)"))
            area_cmp = comp.get(area)
            if cmp_.significant_drop or (area_cmp and area_cmp.significant_drop):
                change = f"[bold red]{change} SIGNIFICANT DROP q={cmp_.q_sequential:.2g}[/]"
        t.add_row(area, lang, f"{100 * r.rate:.0f}%",
                  f"[{100 * r.low:.0f}%, {100 * r.high:.0f}%]", str(r.n), change)
    out.print(t)
    for a in night.alarms:
        flipped = ", ".join(a.flipped_tasks[:8]) or "none against the previous night"
        out.print(f"[bold red]ALARM[/] {a.group}: {100 * a.delta:+.1f} pts "
                  f"[{100 * a.low:+.1f}, {100 * a.high:+.1f}], q={a.q_sequential:.2g}; "
                  f"flipped: {flipped}", highlight=False)


def write_outputs(summary: dict[str, Any], store: Store, report_path: str | None,
                  json_path: str | None) -> None:
    """Write the HTML report and the JSON summary where asked."""
    if report_path:
        history = summaries(store, summary["assistant"], upto=summary["night"],
                            mode=summary["mode"])
        Path(report_path).write_text(render(summary, history), encoding="utf-8")
        out.print(f"report: {report_path}")
    if json_path:
        Path(json_path).write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
        out.print(f"summary: {json_path}")


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
def nightly(assistant_id: str, db: str, night: str | None, samples: int | None,
            task_paths: tuple[str, ...], report_path: str, json_path: str | None,
            sandbox_name: str, workers: int, cost_cap: float | None, use_batch: bool,
            window: int = 14, budget: int = 0, seed: int | None = None,
            generator: str | None = None, self_generation: bool = False) -> None:
    """Run the anchor suite, compare with the previous night, report.

    Exit code: 0 nothing degraded, 1 significant degradation, 2 error.
    """
    night = night or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(night)
    except ValueError:
        raise click.BadParameter(f"{night!r} is not a date; use YYYY-MM-DD",
                                 param_hint="--night") from None
    try:
        assistant = create(assistant_id)
    except (ValueError, LookupError, RuntimeError) as exc:
        # A bad profile, an unknown family, a model not pulled, a bad option: say what to do.
        raise click.BadParameter(str(exc), param_hint="--assistant") from None
    if cost_cap is not None:  # issue 5: adapters that report cost take a Budget
        from assistants.pricing import Budget

        if not hasattr(assistant, "use_budget"):
            raise click.BadParameter(f"{assistant_id} does not report cost",
                                     param_hint="--cost-cap")
        try:
            assistant.use_budget(Budget(cost_cap))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--cost-cap") from None
    if samples is None:  # K copies of one deterministic answer are one sample, not K
        samples = 1 if getattr(assistant, "deterministic", False) else 3
    llm = make_llm(generator, assistant_id, self_generation)
    tasks = load_anchor_tasks(task_paths)
    sandbox = make_sandbox(sandbox_name)
    store = Store(db)
    store.save_tasks(tasks)
    extra: dict[str, Any] = {}
    if use_batch:  # issue 5: submit (or adopt after a restart) one batch for the whole night
        extra["batch"] = _start_batch(assistant, assistant_id, store, night, tasks, samples)
    anchor = len(tasks) * samples
    if 0 < budget < anchor:
        err.print(f"[yellow]--budget {budget} is below the anchor suite ({anchor} attempts): "
                  "the anchor runs in full, nothing is left to explore[/]")
    seed = int(night.replace("-", "")) if seed is None else seed
    checkpoints = checkpoint_path(db)
    campaign_id = store.start_campaign(
        "nightly", night, assistant.id, assistant.version,
        {"assistant_spec": assistant_id, "samples": samples, "tasks": [t.id for t in tasks],
         "sandbox": sandbox_name, "monitor": {"window": window}, "budget": budget,
         "seed": seed, "workers": workers, "checkpoints": checkpoints,
         "generator": generator, "self_generation": self_generation,
         "report": report_path and str(Path(report_path).resolve()),
         "json": json_path and str(Path(json_path).resolve()), **extra})
    progress, on_progress = progress_bar(f"night {night} (campaign {campaign_id})",
                                         max(anchor, budget))
    with progress:
        deps = Deps(store=store, sandbox=sandbox, assistant=assistant,
                    tasks=TaskCache(store, {t.id: t for t in tasks}), night=night,
                    workers=workers, progress=on_progress, llm=llm)
        summary = run_checkpointed(deps, campaign_id, checkpoints, samples=samples,
                                   budget=budget, seed=seed)
    print_table(summary)
    write_outputs(summary, store, report_path, json_path)
    if not summary["trustworthy"]:
        err.print(f"[yellow]{summary['infra_errors']} of {summary['attempts']} attempts hit infra "
                  "errors: no verdict tonight[/]")
        sys.exit(2)
    if summary["degraded"]:
        err.print("[bold red]significant degradation[/]")
        sys.exit(1)
    sys.exit(0)


def _start_batch(assistant: Any, assistant_id: str, store: Store, night: str,
                 tasks: list[Any], samples: int) -> dict[str, Any]:
    """``--batch``: adopt this night's unfinished batch or submit a new one; its config entry."""
    from assistants import anthropic_batch
    from assistants.anthropic_api import AnthropicAssistant
    from assistants.base import GaveUp

    if not isinstance(assistant, AnthropicAssistant):
        raise click.BadParameter(f"{assistant_id} has no batch API; --batch works with "
                                 "anthropic:<model>", param_hint="--batch")
    items = [(t, s) for t in sorted(tasks, key=lambda t: t.id) for s in range(samples)]
    key = anthropic_batch.batch_key(assistant, items)
    old = anthropic_batch.find_resumable(store, assistant.id, night, key)
    if old is not None:
        batch_id, capped = old
        anthropic_batch.adopt(assistant, batch_id, items, capped)
        err.print(f"adopting batch {batch_id} of an unfinished run of this night")
    else:
        try:
            run = anthropic_batch.submit(assistant, items)
        except GaveUp as exc:
            raise click.ClickException(f"could not submit the batch: {exc}") from None
        batch_id, capped = run.id, sorted(run.capped)
        err.print(f"submitted batch {batch_id} ({len(run.items)} requests)")
    return {"id": batch_id, "key": key, "capped": capped}


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
