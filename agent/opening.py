"""Opening a campaign: from a :class:`~agent.campaign.CampaignSpec` to running deps.

One place builds what ``nightly``, ``probe`` and ``resume`` need — the assistant
(with its cost cap), the generator, the sandbox, the reviewers, the Deps — with
one error policy: every mistake a user can make in the spec raises
:class:`CampaignError` naming the option at fault and what to do, which the
command line shows as a one-line usage error (exit code 2), never a traceback.
Recording the campaign, its provider batch and running it to the end (with
checkpoints) live here too, so the commands stay thin and import nothing from
each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agent.campaign import EXECUTORS, CampaignSpec
from agent.graph import initial_state, resume_campaign, run_campaign, sqlite_checkpointer
from agent.state import Deps, TaskCache
from assistants.base import Assistant, BatchError, Batching, create
from codecanary.registry import get, names
from codecanary.store import Store, checkpoint_path
from codecanary.types import Task
from reviewers.anatomy import build_reviewers
from sandbox.base import Sandbox, SandboxError

USER_ERRORS = (ValueError, LookupError, RuntimeError, OSError)
"""What building a plug-in from a user's choice raises for a bad choice: a bad profile or
option (ValueError), an unknown name (LookupError), a model not pulled or a tool missing
(RuntimeError, OSError)."""


class CampaignError(Exception):
    """A user mistake in a campaign's spec: ``option`` (e.g. ``--assistant``) and why."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option
        self.message = message


@dataclass
class OpenCampaign:
    """A campaign ready to run: its resolved spec, its deps and (once recorded) its id."""

    spec: CampaignSpec
    deps: Deps
    id: int | None = None
    batch: dict[str, Any] | None = None
    """The provider batch recorded in the config (``--batch``), or None."""

    @property
    def attempts(self) -> int:
        """How many attempts the progress bar counts to."""
        anchor = len(self.spec.tasks) * (self.spec.samples or 1)
        return max(anchor if self.spec.mode == "nightly" else 0, self.spec.budget)


def open_campaign(spec: CampaignSpec, store: Store, tasks: Sequence[Task] = ()) -> OpenCampaign:
    """Build the deps of ``spec`` on ``store``; ``tasks`` (new campaigns) are saved to the
    store first, a resumed campaign reads its tasks back from it. Raises CampaignError."""
    assistant = _assistant(spec)
    if spec.samples is None:  # K copies of one deterministic answer are one sample, not K
        spec = spec.replace(samples=1 if getattr(assistant, "deterministic", False) else 3)
    if spec.executor not in EXECUTORS:
        raise CampaignError("--executor", f"unknown executor {spec.executor!r}; known: "
                            f"{', '.join(EXECUTORS)}")
    llm = _generator(spec)
    sandbox = make_sandbox(spec.sandbox)
    reviewers = _reviewers(spec, sandbox)
    if tasks:
        store.save_tasks(list(tasks))
    deps = Deps(store=store, sandbox=sandbox, assistant=assistant,
                tasks=TaskCache(store, {t.id: t for t in tasks}), night=spec.night,
                workers=spec.workers, llm=llm, reviewers=reviewers)
    return OpenCampaign(spec, deps)


def _assistant(spec: CampaignSpec) -> Assistant:
    try:
        assistant = create(spec.assistant)
    except USER_ERRORS as exc:  # a bad profile, an unknown family, a model not pulled
        raise CampaignError("--assistant", str(exc)) from None
    if spec.cost_cap is not None:  # adapters that report cost take a Budget
        from assistants.pricing import Budget

        if not hasattr(assistant, "use_budget"):
            raise CampaignError("--cost-cap", f"{spec.assistant} does not report cost")
        try:
            assistant.use_budget(Budget(spec.cost_cap))
        except ValueError as exc:
            raise CampaignError("--cost-cap", str(exc)) from None
    return assistant


def _generator(spec: CampaignSpec) -> Any:
    """The campaign's LLM mutator (agent.llm), or None."""
    from agent.llm import make_llm_mutator

    try:
        return make_llm_mutator(spec.generator, spec.assistant, spec.self_generation)
    except USER_ERRORS as exc:  # the assistant itself, a model not pulled
        raise CampaignError("--generator", str(exc)) from None


def make_sandbox(name: str) -> Sandbox:
    """A sandbox backend by name; an unknown name or a setup problem is a CampaignError."""
    if name not in names("sandbox"):
        raise CampaignError("--sandbox", f"unknown sandbox {name!r}; known: "
                            f"{', '.join(names('sandbox'))}")
    try:
        sandbox: Sandbox = get("sandbox", name)()
    except SandboxError as exc:
        raise CampaignError("--sandbox", str(exc)) from None
    return sandbox


def _reviewers(spec: CampaignSpec, sandbox: Sandbox) -> list[Any]:
    if spec.reviewers is None:
        raise CampaignError("--reviewers", "no reviewers chosen (give --reviewers)")
    try:
        return build_reviewers(spec.reviewers, sandbox)
    except USER_ERRORS as exc:
        raise CampaignError("--reviewers", f"{spec.reviewers}: {exc}") from None


def batch_items(camp: OpenCampaign, tasks: Sequence[Task]) -> list[tuple[Task, int]]:
    """The night's (task, sample) items in the order a batch sends them."""
    samples = camp.spec.samples or 1
    return [(t, s) for t in sorted(tasks, key=lambda t: t.id) for s in range(samples)]


def start_batch(camp: OpenCampaign, tasks: Sequence[Task]) -> dict[str, Any]:
    """``--batch``: have the assistant adopt this night's unfinished batch or submit a new
    one; the entry is kept for the campaign's config. Raises CampaignError."""
    assistant, spec = camp.deps.assistant, camp.spec
    items = batch_items(camp, tasks)
    try:
        if isinstance(assistant, Batching):
            entry = assistant.start_batch(camp.deps.store, spec.night, items)
        else:
            raise CampaignError("--batch", f"{spec.assistant} has no batch API; --batch "
                                "works with anthropic:<model>")
    except BatchError as exc:
        raise CampaignError("--batch", f"could not submit the batch: {exc}") from None
    camp.batch = entry
    return entry


def batch_adopted(camp: OpenCampaign) -> bool:
    """Whether the campaign's batch was submitted by an earlier run of the same night."""
    if camp.batch is None:
        return False
    bid = camp.batch.get("id")
    return any((c.config or {}).get("batch", {}).get("id") == bid and c.id != camp.id
               for c in camp.deps.store.campaigns(camp.deps.assistant.id)
               if c.night == camp.spec.night)


def begin(camp: OpenCampaign) -> int:
    """Record ``camp`` as a new campaign (its spec, checkpoint file and batch)."""
    store = camp.deps.store
    camp.spec = camp.spec.replace(checkpoints=checkpoint_path(store.url))
    config = camp.spec.to_config()
    if camp.batch is not None:
        config["batch"] = camp.batch
    camp.id = store.start_campaign(camp.spec.mode, camp.spec.night, camp.deps.assistant.id,
                                   camp.deps.assistant.version, config)
    return camp.id


def run(camp: OpenCampaign) -> dict[str, Any]:
    """Run a new (recorded) campaign to its end, checkpointing when it has a file; a crash
    marks the campaign failed before it propagates."""
    assert camp.id is not None, "begin() the campaign first"
    spec, path = camp.spec, camp.spec.checkpoints
    start: dict[str, Any] = {"samples": spec.samples or 1, "budget": spec.budget,
                             "seed": spec.seed}
    if spec.mode == "probe":
        start.update(mode="probe", focus=list(spec.focus))
    try:
        if path is None:
            return run_campaign(camp.deps, camp.id, **start)
        with sqlite_checkpointer(path) as saver:
            return run_campaign(camp.deps, camp.id, checkpointer=saver, **start)
    except Exception as exc:
        camp.deps.store.finish_campaign(camp.id, "failed", {"error": str(exc)})
        raise


def resume(camp: OpenCampaign) -> dict[str, Any]:
    """Continue recorded campaign ``camp`` from its last checkpoint to its end."""
    spec, path = camp.spec, camp.spec.checkpoints
    assert camp.id is not None and path is not None, "a recorded campaign with checkpoints"
    start = initial_state(camp.deps, camp.id, spec.samples or 1, spec.budget, spec.seed,
                          spec.mode, list(spec.focus) or None, anchor=list(spec.tasks))
    try:
        with sqlite_checkpointer(path) as saver:
            return resume_campaign(camp.deps, camp.id, saver, start)
    except Exception as exc:
        camp.deps.store.finish_campaign(camp.id, "failed", {"error": str(exc)})
        raise
