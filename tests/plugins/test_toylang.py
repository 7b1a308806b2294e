"""A new language is a plug-in package: install the toy ``shell`` language from
``tests/plugins/toylang`` (its own pyproject, entry points only, no edit to
codecanary) and use it end to end through the real CLI in the real bwrap sandbox.

Each command runs in a subprocess with ``PYTHONPATH=<install dir>:<repo>``, so the
entry points of the installed package are discovered exactly as a user's would be.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(__file__).resolve().parent / "toylang"
SEED = PACKAGE / "seed"
CLI = "from codecanary.cli import main; main()"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The toy package installed with pip into a directory of its own.

    Built from a copy, so that the build leaves nothing in the source tree.
    """
    root = tmp_path_factory.mktemp("toylang")
    source = root / "src"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    target = root / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(target), str(source)],
                   check=True, capture_output=True, text=True, timeout=300)
    assert list(target.glob("codecanary_toylang-*.dist-info"))
    return target


def run(args: Sequence[str], plugin: Path | None, code: str = CLI,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -c code args`` from the repo, with the plug-in's directory on the path."""
    path = [str(plugin)] if plugin else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*path, str(REPO)])}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_validate_with_mutation_uses_the_plugins_runner_and_fault(plugin_path: Path) -> None:
    done = run(["tasks", "validate", "--mutation", "--runs", "2", "--json", str(SEED)],
               plugin_path)
    assert done.returncode == 0, done.stdout + done.stderr
    [row] = json.loads(done.stdout)
    assert row["task"] == "clamp" and row["valid"] and row["checked"], row
    assert row["reference_runs"] == [True, True]
    # the plug-in's flip-comparison operator has two sites; the tests kill both mutants
    assert row["auto_mutants"] == [2, 2] and row["mutation_score"] == 1.0


def test_without_the_plugin_the_language_is_unknown() -> None:
    done = run(["tasks", "validate", "--runs", "1", "--json", str(SEED)], None)
    assert done.returncode != 0
    [row] = json.loads(done.stdout)
    assert not row["valid"] and "unknown value 'shell'" in row["reasons"][0]


def test_sandbox_exec_runs_the_plugins_language(plugin_path: Path, tmp_path: Path) -> None:
    script = tmp_path / "hi.sh"
    script.write_text('printf "%s\\n" "hi from $0"\nexit 3\n')
    done = run(["sandbox", "exec", "--lang", "shell", str(script), "--timeout", "30"],
               plugin_path)
    assert done.returncode == 0, done.stdout + done.stderr
    execution = json.loads(done.stdout)
    assert execution["verdict"] == "ok" and execution["exit_code"] == 3
    assert execution["stdout"] == "hi from hi.sh\n"


def test_every_table_derives_the_plugins_language(plugin_path: Path) -> None:
    code = """if True:
        import json
        from assistants.extract import known_ext, not_code_tags, tag_languages
        from assistants.render import fence_tag
        from codecanary.languages import languages
        from generators.faults import operators
        from sandbox import docker, toolchains
        print(json.dumps({
            "languages": languages(), "fence": fence_tag("a.sh"),
            "tag": tag_languages().get("shell"), "ext": "sh" in known_ext(),
            "not_code": "sh" in not_code_tags(), "image": docker.tools().get("sh"),
            "missing": toolchains.missing("shell"),
            "binary": toolchains.is_binary("shell", "/bin/dash"),
            "faults": [op.name for op in operators("shell")]}))
    """
    done = run([], plugin_path, code=code)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "languages": ["cpp", "java", "javascript", "python", "rust", "shell"],
        "fence": "sh", "tag": "shell", "ext": True, "not_code": False, "image": "sh",
        "missing": None, "binary": True, "faults": ["flip-comparison"]}
