"""`codecanary probe` through the real CLI: all the budget into one area, real task mutators
and gate, the lineage, failure classes and gate share per operator printed, exit 1 when a
weak spot is found (the `null-regression` profile fails 90% of null-handling answers)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generators.mutators import mutators_for

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).parent / "codecanary")


def test_probe_finds_the_weak_spot_and_prints_its_lineage(tmp_path: Path) -> None:
    profile = ROOT / "examples" / "profiles" / "null-regression.toml"
    run = subprocess.run(
        [CLI, "probe", "--weakness", "null-handling", "--language", "python", "--budget", "5",
         "--assistant", f"sim:{profile}", "--db", f"sqlite:///{tmp_path / 'p.db'}",
         "--tasks", str(ROOT / "tests" / "fixtures" / "mini_suite"), "--night", "2026-01-02",
         "--json", "probe.json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=1200)
    text = run.stdout
    assert run.returncode == 1, text + run.stderr
    assert "WEAK SPOT FOUND null-handling@python" in text
    assert "display-name" in text and "failure classes:" in text
    ops = {m.name for m in mutators_for("null-handling", "python")}
    assert "passing the gate, per operator" in text
    summary = json.loads((tmp_path / "probe.json").read_text())
    ex = summary["exploration"]
    assert summary["mode"] == "probe" and summary["attempts"] == 5
    assert ex["focus"] == ["null-handling@python"] and ex["flagged"] == ["null-handling@python"]
    # the rust task of the suite is outside the probe: never attempted
    assert {r["area"] for r in summary["cells"]} == {"null-handling"}
    assert ex["lineage"], "a sibling of the failing seed was generated"
    for entry in ex["lineage"]:
        assert entry["operator"] in ops and entry["operator"] in text and entry["reason"]
        row = ex["operators"][entry["operator"]]
        assert 0 <= row["accepted"] <= row["proposed"]
    accepted = {e["id"] for e in ex["lineage"] if e["accepted"]}
    attempted = {t for t, s in ex["tasks"].items() if s["fails"] + s["passes"]}
    assert attempted <= accepted | {t for t, s in ex["tasks"].items() if s["depth"] == 0}
