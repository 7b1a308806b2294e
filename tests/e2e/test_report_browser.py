"""The report of two real sim nights, rendered by headless Chromium.

Two ``codecanary nightly`` runs through the CLI (real sandbox, real SQLite): a
good night, then the null-regression profile (exit code 1). ``codecanary
report`` rebuilds the page from the database; Chromium dumps its DOM (the grid
and the SVG charts must be there) and takes a screenshot whose grid region
must hold red pixels (the degraded cell) and whose chart region must not be
blank. The PNG is decoded with zlib only.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Four null-handling tasks: one task's samples are one cluster, too little evidence to alarm on.
SUITE = [ROOT / "tests" / "fixtures" / "mini_suite" / "python",
         ROOT / "seed_tasks" / "python" / "null-handling"]
CLI = [str(Path(sys.executable).parent / "codecanary")]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium not installed: run scripts/bootstrap.sh")


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit RGB/RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = ctype = 0
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 4 if ctype == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        rows.append(bytes(v for i, v in enumerate(line) if i % bpp < 3))
    return width, height, rows


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_report_of_two_sim_nights_renders_grid_and_charts(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    common = ["--db", db, *(a for p in SUITE for a in ("--tasks", str(p))), "--samples", "4"]
    good = _run("nightly", *common, "--assistant", "sim", "--night", "2026-01-01",
                "--report", "r1.html", cwd=tmp_path)  # sim: the default is now a real model
    assert good.returncode == 0, good.stdout + good.stderr
    bad = _run("nightly", *common, "--night", "2026-01-02", "--json", "s.json",
               "--assistant", f"sim:{ROOT / 'examples/profiles/null-regression.toml'}",
               cwd=tmp_path)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["degraded"] and summary["alarms"][0]["area"] == "null-handling"
    rebuilt = _run("report", "--db", db, "--out", "report.html", cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    page = tmp_path / "report.html"
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                              page.as_uri()], capture_output=True, text=True, timeout=120)
    assert 'id="grid"' in dom.stdout or "id=grid" in dom.stdout
    assert dom.stdout.count("<svg") >= 6 and "<polyline" in dom.stdout
    assert 'class="drop"' in dom.stdout and 'class="version-change"' in dom.stdout
    shot = tmp_path / "shot.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}",
                        f"--screenshot={shot}", "--window-size=1200,1400", page.as_uri()],
                       capture_output=True, timeout=120, check=True)
    width, height, rows = _png_pixels(shot)
    assert (width, height) == (1200, 1400)

    def count(y0: int, y1: int, test: object) -> int:
        return sum(1 for row in rows[y0:y1] for i in range(0, len(row), 3)
                   if test(row[i], row[i + 1], row[i + 2]))  # type: ignore[operator]

    red = count(150, 400, lambda r, g, b: r > 200 and g < 110 and b < 110)
    assert red > 500, f"no red degraded cell in the grid region ({red} red pixels)"
    blue = count(600, 1100, lambda r, g, b: b > 150 and r < 120 and g < 130)  # chart lines
    band = count(600, 1100, lambda r, g, b: (r, g, b) == (0xCF, 0xE0, 0xF3))  # interval bands
    assert blue > 100 and band > 1000, (blue, band)
