"""``codecanary power``: what a nightly run of a given size can detect."""

from __future__ import annotations

import click
from rich.table import Table

from codecanary.cli.common import out
from codecanary.stats.power import power as compute_power


@click.command()
@click.option("--baseline", type=click.FloatRange(0, 1, min_open=True, max_open=True),
              required=True, help="Usual pass rate of the area, e.g. 0.85.")
@click.option("--delta", type=click.FloatRange(0, 1, min_open=True), required=True,
              help="Drop to detect, as a fraction: 0.10 = 10 points.")
@click.option("--tasks", default=25, show_default=True, type=click.IntRange(1),
              help="Anchor tasks in the area (seeds, if generated tasks share a seed).")
@click.option("--samples", default=3, show_default=True, type=click.IntRange(1),
              help="Answers per task per night.")
@click.option("--window", default=14, show_default=True, type=click.IntRange(1),
              help="Baseline nights.")
@click.option("--areas", default=4, show_default=True, type=click.IntRange(1),
              help="Areas watched at once (the false-discovery family).")
def power(baseline: float, delta: float, tasks: int, samples: int, window: int,
          areas: int) -> None:
    """Print how fast a drop of DELTA from BASELINE is flagged, and the smallest visible drop."""
    if delta > baseline:
        raise click.BadParameter(f"a drop of {delta} from a pass rate of {baseline} is "
                                 "impossible; give --delta at most --baseline",
                                 param_hint="--delta")
    p = compute_power(baseline, delta, tasks, samples, window, areas)
    t = Table(title=f"{tasks} tasks x {samples} samples = {tasks * samples} attempts a night "
                    f"in the area, baseline {window} nights, {areas} areas watched")
    t.add_column("quantity", justify="left")
    t.add_column("value", justify="right")
    t.add_row("drop to detect", f"{100 * delta:.1f} points ({100 * baseline:.0f}% -> "
                                f"{100 * (baseline - delta):.0f}%)")
    t.add_row("standard error of one night's paired change", f"{100 * p.se:.1f} points")
    t.add_row("drop in standard errors", f"{p.z:.2f}")
    t.add_row("flagged on the first night", f"{100 * p.first_night:.0f}%")
    t.add_row("flagged within two nights", f"{100 * p.within_two:.0f}%")
    t.add_row("median nights to flag",
              str(p.median_nights) if p.median_nights is not None else "> 30 (not seen)")
    t.add_row("smallest drop flagged on its first night (80%)", f"{100 * p.mde:.1f} points")
    out.print(t)
