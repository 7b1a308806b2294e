"""``sim``: a deterministic simulated assistant, the ground truth for calibration.

It answers with the task's reference solution passed through a fault operator
(generators.faults) with a probability set by a profile per weakness area (and
optionally per area and language), plus an optional drift per night. Every
decision is a hash of (profile seed, task, sample, night), so a run is exactly
reproducible, and which fault was injected is recorded on the attempt.

Profile format (TOML)::

    name = "baseline"            # shown as the assistant's version
    seed = 20260101              # changes every decision
    default = 0.10               # fault rate of areas not listed
    [rates]
    concurrency = 0.20           # per area
    "null-handling@rust" = 0.6   # per area and language (wins over the area)
    [drift]                      # optional: rate added per night since start
    start = "2026-01-10"
    concurrency = 0.02
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from assistants.family import assistant_family
from codecanary.types import WEAKNESSES, Attempt, Task
from generators.faults import inject

BUILTIN = ("baseline",)


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names file, field and fix."""


@dataclass(frozen=True)
class Profile:
    """Fault rates of the simulated assistant."""

    name: str
    seed: int = 0
    default: float = 0.1
    rates: dict[str, float] = field(default_factory=dict)
    drift_start: str | None = None
    drift: dict[str, float] = field(default_factory=dict)
    digest: str = ""

    def rate(self, area: str, language: str, night: str) -> float:
        """Fault probability for an answer in ``area``/``language`` on ``night``."""
        base = self.rates.get(f"{area}@{language}", self.rates.get(area, self.default))
        if self.drift_start and night >= self.drift_start:
            nights = (dt.date.fromisoformat(night) - dt.date.fromisoformat(self.drift_start)).days
            base += nights * self.drift.get(f"{area}@{language}", self.drift.get(area, 0.0))
        return min(1.0, max(0.0, base))


def _check_rates(table: object, where: str, origin: str) -> dict[str, float]:
    if not isinstance(table, dict):
        raise ProfileError(f"{origin}: field '{where}' must be a table of area = rate")
    out: dict[str, float] = {}
    for key, value in table.items():
        if where == "drift" and key == "start":
            continue
        area = key.split("@")[0]
        if area not in WEAKNESSES:
            raise ProfileError(
                f"{origin}: field '{where}.{key}' names unknown area {area!r}; "
                f"use one of {', '.join(WEAKNESSES)} (optionally @language)")
        if not isinstance(value, int | float) or not (-1 <= value <= 1):
            raise ProfileError(f"{origin}: field '{where}.{key}' is {value!r}; give a number 0..1")
        out[key] = float(value)
    return out


def parse_profile(text: str, origin: str) -> Profile:
    """Parse a profile's TOML text; ``origin`` names the file in errors."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{origin}: not valid TOML ({exc}); fix the syntax") from None
    unknown = set(raw) - {"name", "seed", "default", "rates", "drift"}
    if unknown:
        raise ProfileError(f"{origin}: unknown field(s) {sorted(unknown)}; remove them")
    default = raw.get("default", 0.1)
    if not isinstance(default, int | float) or not 0 <= default <= 1:
        raise ProfileError(f"{origin}: field 'default' is {default!r}; give a number 0..1")
    seed = raw.get("seed", 0)
    if not isinstance(seed, int):
        raise ProfileError(f"{origin}: field 'seed' is {seed!r}; give an integer")
    drift_raw = raw.get("drift", {})
    start = drift_raw.get("start") if isinstance(drift_raw, dict) else None
    if start is not None:
        try:
            dt.date.fromisoformat(str(start))
        except ValueError:
            raise ProfileError(
                f"{origin}: field 'drift.start' is {start!r}; use YYYY-MM-DD") from None
    return Profile(
        name=str(raw.get("name", Path(origin).stem)),
        seed=seed,
        default=float(default),
        rates=_check_rates(raw.get("rates", {}), "rates", origin),
        drift_start=str(start) if start is not None else None,
        drift=_check_rates(drift_raw, "drift", origin),
        digest=hashlib.sha256(text.encode()).hexdigest()[:8],
    )


def load_profile(spec: str | None) -> Profile:
    """A built-in profile by name, or a TOML file by path."""
    spec = spec or "baseline"
    if spec in BUILTIN:
        text = resources.files("assistants").joinpath(f"profiles/{spec}.toml").read_text()
        return parse_profile(text, f"built-in profile {spec}")
    path = Path(spec)
    if not path.is_file():
        raise ProfileError(
            f"{spec}: no such profile file; give a TOML file path or one of {', '.join(BUILTIN)}")
    return parse_profile(path.read_text(encoding="utf-8"), str(path))


def _unit(*parts: object) -> tuple[float, int]:
    """A uniform number in [0, 1) and an integer, both from a hash of ``parts``."""
    h = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64, int.from_bytes(h[8:16], "big")


class SimAssistant:
    """The simulator; see the module docstring."""

    id = "sim"

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.version = f"{profile.name}@{profile.digest}"

    def attempt(self, task: Task, sample: int, night: str) -> Attempt:
        """Reference, or reference with one injected fault, decided by the profile."""
        start = time.monotonic()
        u, choice = _unit(self.profile.seed, task.id, sample, night)
        rate = self.profile.rate(task.area, task.language, night)
        files = dict(task.reference)
        meta = {"fault": "none"}
        if u < rate:
            source = task.reference[task.entry_point]
            hit = inject(source, task.language, task.weakness, choice)
            if hit is None:  # nothing to break: the assistant gives up, returns the stub
                files = {task.entry_point: task.workspace.get(task.entry_point, "")}
                meta = {"fault": "no-answer"}
            else:
                op, site, mutated = hit
                files[task.entry_point] = mutated
                meta = {"fault": op, "site": str(site)}
        body = "\n\n".join(f"```{name}\n{text}```" for name, text in files.items())
        return Attempt(
            task_id=task.id, assistant=self.id, version=self.version, sample=sample,
            files=files, transcript=f"[sim {self.version}] fault={meta['fault']}\n{body}",
            completion_tokens=sum(len(t.split()) for t in files.values()),
            latency_s=time.monotonic() - start, meta=meta,
        )


def status() -> tuple[bool, str]:
    """``sim`` needs nothing: it is part of codecanary."""
    return True, "built in"


@assistant_family("sim", examples=("sim", "sim:baseline", "sim:path/to/profile.toml"),
                  status=status)
def make_sim(arg: str | None) -> SimAssistant:
    """Factory for ``sim[:profile-name-or-path]``."""
    return SimAssistant(load_profile(arg))
