"""Two nights through the real CLI: a null-handling regression is flagged, nothing else.

Night 1 runs the built-in `sim` profile; night 2 runs a profile whose only change
is a much higher null-handling fault rate. The second night's table, JSON and
HTML must show the null-handling drop as significant and the other areas as
unchanged, and the exit code must be 1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).parent / "codecanary")
SUITE = [ROOT / "seed_tasks" / "python" / "null-handling",
         ROOT / "seed_tasks" / "python" / "boundaries",
         ROOT / "tests" / "fixtures" / "mini_suite" / "rust"]


def _nightly(tmp: Path, night: str, assistant: str, *extra: str) -> subprocess.CompletedProcess[
        str]:
    tasks = [arg for p in SUITE for arg in ("--tasks", str(p))]
    return subprocess.run(
        [CLI, "nightly", "--assistant", assistant, "--night", night, "--samples", "3",
         "--db", f"sqlite:///{tmp / 'x.db'}", *tasks, *extra],
        cwd=tmp, capture_output=True, text=True, timeout=1200,
    )


def test_null_handling_regression_is_flagged_and_nothing_else(tmp_path: Path) -> None:
    first = _nightly(tmp_path, "2026-01-01", "sim", "--json", "n1.json", "--report", "n1.html")
    assert first.returncode == 0, first.stdout + first.stderr
    n1 = json.loads((tmp_path / "n1.json").read_text())
    assert n1["baseline"] is None and not n1["degraded"]

    profile = ROOT / "examples" / "profiles" / "null-regression.toml"
    second = _nightly(tmp_path, "2026-01-02", f"sim:{profile}", "--json", "n2.json",
                      "--report", "n2.html")
    assert second.returncode == 1, second.stdout + second.stderr
    n2 = json.loads((tmp_path / "n2.json").read_text())
    assert n2["degraded"] and n2["baseline"]["nights"] == ["2026-01-01"]
    assert n2["version"].startswith("null-regression@")
    flagged = {a["area"] for a in n2["alarms"]}
    assert flagged == {"null-handling"}, n2["alarms"]
    by_area = {c["group"]: c for c in n2["comparisons"] if "@" not in c["group"]}
    assert by_area["null-handling"]["significant_drop"]
    assert by_area["null-handling"]["delta"] < -0.3
    assert set(by_area) == {"null-handling", "boundaries"}
    assert not by_area["boundaries"]["significant_drop"], by_area["boundaries"]
    assert "null-handling" in second.stdout and "SIGNIFICANT" in second.stdout.upper()
    html = (tmp_path / "n2.html").read_text()
    assert "null-handling" in html and "significant" in html.lower()
