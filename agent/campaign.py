"""What a campaign is asked to do, as one frozen value: :class:`CampaignSpec`.

``nightly``, ``probe`` and ``resume`` all describe their campaign with this
spec, and :func:`agent.opening.open_campaign` builds the dependencies from it.
The spec is recorded in the campaign row's config (:meth:`CampaignSpec.to_config`)
and read back by ``resume`` (:meth:`CampaignSpec.from_config`). The config keys
are the ones campaigns have always recorded (``assistant_spec``, ``monitor``,
``report``, ...), so configs written before the spec existed still resume; keys
such a config lacks take the values the code of that time used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reviewers.anatomy import DEFAULT_REVIEWERS

__all__ = ["DEFAULT_REVIEWERS", "EXECUTORS", "MODES", "CampaignSpec", "Outputs"]

MODES = ("nightly", "probe")
EXECUTORS = ("local",)
"""Where attempts run; only ``local`` (threads) exists today, a later issue adds ``ray``."""


@dataclass(frozen=True)
class Outputs:
    """Where the campaign's results are written (absolute paths, or None: not written)."""

    report: str | None = None
    """The HTML report."""
    json: str | None = None
    """The JSON summary."""


@dataclass(frozen=True)
class CampaignSpec:
    """One campaign, as asked for on the command line (and recorded for ``resume``)."""

    mode: str
    """``nightly`` (anchor suite, then exploration) or ``probe`` (exploration only)."""
    assistant: str
    """The assistant under test as the user named it (``family[:argument]``)."""
    night: str
    """The date the campaign is recorded under (YYYY-MM-DD)."""
    tasks: tuple[str, ...] = ()
    """Ids of the starting tasks (the anchor suite, or the probe's seeds)."""
    samples: int | None = None
    """Samples per task; None: chosen from the assistant (1 if it decodes greedily, else 3)."""
    budget: int = 0
    """Total attempts, anchor included (nightly 0: anchor suite only)."""
    seed: int = 0
    """Seed of every exploration choice."""
    focus: tuple[str, ...] = ()
    """The arms (``area@language``) exploration may choose; empty: all."""
    sandbox: str = "bwrap"
    """Sandbox backend (a name of the ``sandbox`` registry)."""
    workers: int = 2
    """Sandboxes running at once."""
    generator: str | None = None
    """Model of the LLM mutator (agent.llm), or None: task mutators only."""
    self_generation: bool = False
    """Whether the generator may be the assistant under test."""
    reviewers: str | None = DEFAULT_REVIEWERS
    """Comma-separated reviewer ids (``static,model:local:<name>``); None: not recorded
    (a campaign started before reviewers were recorded; the caller picks the default)."""
    executor: str = "local"
    """Where attempts run (:data:`EXECUTORS`)."""
    window: int | None = None
    """Nightly: earlier nights of the same assistant forming the baseline."""
    cost_cap: float | None = None
    """Dollars after which the assistant stops asking (assistants that report cost)."""
    batch: bool = False
    """Send the night as one provider batch (assistants with the Batching capability)."""
    checkpoints: str | None = None
    """The SQLite file the graph checkpoints to, or None (an in-memory database)."""
    outputs: Outputs = field(default_factory=Outputs)
    """Where the report and the JSON summary go."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode {self.mode!r} is not one of {', '.join(MODES)}")

    def replace(self, **changes: Any) -> CampaignSpec:
        """A copy with ``changes`` (the spec is frozen)."""
        return dataclasses.replace(self, **changes)

    def to_config(self) -> dict[str, Any]:
        """The campaign row's config: the keys campaigns have always recorded, plus the
        reviewers and the executor (and the cost cap when there is one)."""
        cfg: dict[str, Any] = {
            "assistant_spec": self.assistant, "samples": self.samples,
            "tasks": list(self.tasks), "sandbox": self.sandbox}
        if self.window is not None:
            cfg["monitor"] = {"window": self.window}
        cfg.update({"budget": self.budget, "seed": self.seed})
        if self.focus:
            cfg["focus"] = list(self.focus)
        cfg.update({
            "workers": self.workers, "checkpoints": self.checkpoints,
            "generator": self.generator, "self_generation": self.self_generation,
            "report": self.outputs.report, "json": self.outputs.json,
            "reviewers": self.reviewers, "executor": self.executor})
        if self.cost_cap is not None:
            cfg["cost_cap"] = self.cost_cap
        return cfg

    @classmethod
    def from_config(cls, config: Mapping[str, Any], *, mode: str, night: str,
                    assistant: str) -> CampaignSpec:
        """The spec recorded in a campaign row: its ``config`` and the row's mode, night
        and assistant id (used when an old config lacks ``assistant_spec``)."""
        cfg = dict(config or {})
        monitor = cfg.get("monitor") or {}
        cost_cap = cfg.get("cost_cap")
        return cls(
            mode=mode, assistant=str(cfg.get("assistant_spec") or assistant), night=night,
            tasks=tuple(cfg.get("tasks") or ()), samples=int(cfg.get("samples", 1)),
            budget=int(cfg.get("budget", 0)), seed=int(cfg.get("seed", 0)),
            focus=tuple(cfg.get("focus") or ()), sandbox=str(cfg.get("sandbox", "bwrap")),
            workers=int(cfg.get("workers", 2)), generator=cfg.get("generator"),
            self_generation=bool(cfg.get("self_generation")),
            reviewers=cfg.get("reviewers"), executor=str(cfg.get("executor", "local")),
            window=monitor.get("window"),
            cost_cap=None if cost_cap is None else float(cost_cap),
            batch="batch" in cfg, checkpoints=cfg.get("checkpoints"),
            outputs=Outputs(cfg.get("report"), cfg.get("json")))
