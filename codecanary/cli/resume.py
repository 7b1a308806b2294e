"""``codecanary resume RUN_ID``: continue a campaign that died mid-way (kill -9 included).

Every campaign (nightly and probe) checkpoints after each graph node into a
SQLite file next to the database (``<db file>.checkpoints``; the path is kept
in the campaign's config). ``resume`` rebuilds the campaign's dependencies from
what the campaign recorded — assistant, sandbox, samples, budget, seed, focus
and the task ids (tasks come back from the tasks table, so the suite folders
are not needed) — and continues from the last checkpoint. Attempts are unique
per (campaign, task, sample) and every choice is seeded, so the resumed run
ends with exactly the attempts an uninterrupted run would have made.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from agent.graph import initial_state, resume_campaign, run_campaign, sqlite_checkpointer
from agent.state import Deps, TaskCache
from assistants.base import create
from assistants.sim import ProfileError
from codecanary.cli.common import err, make_llm, make_sandbox
from codecanary.registry import UnknownPluginError
from codecanary.store import DEFAULT_DB, Store


def progress_bar(label: str, total: int) -> tuple[Progress, Callable[[int, int, str], None]]:
    """A progress bar on stderr and the callback the graph reports to."""
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), TextColumn("{task.fields[last]}"), console=err,
                        transient=False)
    bar = progress.add_task(label, total=total, last="")

    def on_progress(done: int, total_: int, name: str) -> None:
        progress.update(bar, completed=done, total=total_, last=name)

    return progress, on_progress


def run_checkpointed(deps: Deps, campaign_id: int, path: str | None, **start: Any
                     ) -> dict[str, Any]:
    """Run a new campaign to its end, checkpointing to ``path`` when there is one."""
    try:
        if path is None:
            return run_campaign(deps, campaign_id, **start)
        with sqlite_checkpointer(path) as saver:
            return run_campaign(deps, campaign_id, checkpointer=saver, **start)
    except Exception as exc:
        deps.store.finish_campaign(campaign_id, "failed", {"error": str(exc)})
        raise


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
        camp = store.campaign(run_id)
    except Exception:
        raise click.ClickException(f"no campaign {run_id} in {db}; `codecanary report` "
                                   "lists nothing to resume without one") from None
    if camp.status == "done":
        err.print(f"campaign {run_id} already finished; nothing to resume")
        sys.exit(0)
    cfg = dict(camp.config or {})
    path = cfg.get("checkpoints")
    if not path:
        raise click.ClickException(
            f"campaign {run_id} has no checkpoint file (it ran on an in-memory database or "
            "before checkpointing existed); start it again instead")
    try:
        assistant = create(cfg.get("assistant_spec", camp.assistant))
    except (ProfileError, UnknownPluginError) as exc:
        raise click.ClickException(f"campaign {run_id}: assistant: {exc}") from None
    mode = camp.mode
    anchor = list(cfg.get("tasks", []))
    samples, budget = int(cfg.get("samples", 1)), int(cfg.get("budget", 0))
    label = f"resume {mode} {run_id} ({camp.night})"
    progress, on_progress = progress_bar(label, max(len(anchor) * samples, budget))
    deps = Deps(store=store, sandbox=make_sandbox(cfg.get("sandbox", "bwrap")),
                assistant=assistant, tasks=TaskCache(store), night=camp.night,
                workers=workers or int(cfg.get("workers", 2)), progress=on_progress,
                llm=make_llm(cfg.get("generator"), cfg.get("assistant_spec", camp.assistant),
                             bool(cfg.get("self_generation"))))
    start = initial_state(deps, run_id, samples, budget, int(cfg.get("seed", 0)), mode,
                          cfg.get("focus") or None, anchor=anchor)
    with progress:
        try:
            with sqlite_checkpointer(path) as saver:
                summary = resume_campaign(deps, run_id, saver, start)
        except Exception as exc:
            store.finish_campaign(run_id, "failed", {"error": str(exc)})
            raise
    if mode == "probe":
        from codecanary.cli.probe import finish_probe

        finish_probe(summary, cfg.get("json"), cfg.get("report"))
    else:
        from codecanary.cli.nightly import print_table, write_outputs

        print_table(summary)
        write_outputs(summary, store, cfg.get("report"), cfg.get("json"))
        sys.exit(2 if not summary["trustworthy"] else 1 if summary["degraded"] else 0)
