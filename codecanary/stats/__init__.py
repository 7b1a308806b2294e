"""Statistics for pass rates and degradation (re-exported from small modules).

- :mod:`.intervals`: Wilson and lineage-clustered pass-rate intervals.
- :mod:`.paired`: paired night-vs-baseline differences, exact McNemar, BH and Holm.
- :mod:`.sequential`: CUSUM across nights, calibrated by simulation.
- :mod:`.monitor`: tonight's decision, combining the three.
- :mod:`.power`: what a run of a given size can detect.
"""

from __future__ import annotations

from codecanary.stats.intervals import Z95, Rate, clustered_rate, lineage_roots, rates, wilson
from codecanary.stats.monitor import (
    Evaluation,
    GroupResult,
    MonitorConfig,
    TaskInfo,
    evaluate,
    group_tasks,
    sum_counts,
)
from codecanary.stats.paired import (
    Comparison,
    Counts,
    PairedDiff,
    benjamini_hochberg,
    binom_two_sided,
    holm,
    mcnemar_exact,
    normal_sf,
    paired_compare,
    paired_difference,
)
from codecanary.stats.sequential import cusum_pvalue, cusum_step, cusum_threshold

__all__ = [
    "Z95", "Comparison", "Counts", "Evaluation", "GroupResult", "MonitorConfig", "PairedDiff",
    "Rate", "TaskInfo", "benjamini_hochberg", "binom_two_sided", "clustered_rate",
    "cusum_pvalue", "cusum_step", "cusum_threshold", "evaluate", "group_tasks", "holm",
    "lineage_roots", "mcnemar_exact", "normal_sf", "paired_compare", "paired_difference",
    "rates", "sum_counts", "wilson",
]
