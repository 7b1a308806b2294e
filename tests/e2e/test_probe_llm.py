"""`codecanary probe --generator anthropic:<model>`: the LLM mutator inside a real campaign.

The generator is the fake Anthropic API on loopback (real socket, real SDK); the
assistant under test is the ``sim`` with the null-regression profile; tests run
in the real sandbox and every child goes through the real gate. Checked: the
generator is asked on failures, with the evidence of the real failure; a
malformed reply is kept in the lineage with its reason and the request falls
back to the task mutators; a valid reply becomes a gated child that is then
attempted; the gate share is printed for ``llm`` too; an unreachable generator
is an infra error (never a rejection); the assistant under test is refused as
generator unless forced.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.anthropic_server import FakeAnthropic, Fault, Reply
from tests.generators.test_mutators_llm import MODEL, PROPOSAL

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).parent / "codecanary")
PROFILE = ROOT / "examples" / "profiles" / "null-regression.toml"


def _probe(tmp_path: Path, fake: FakeAnthropic, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ANTHROPIC_BASE_URL": fake.url, "ANTHROPIC_API_KEY": "sk-test"}
    return subprocess.run(
        [CLI, "probe", "--weakness", "null-handling", "--language", "python", "--budget", "12",
         "--assistant", f"sim:{PROFILE}", "--db", f"sqlite:///{tmp_path / 'p.db'}",
         "--tasks", str(ROOT / "tests" / "fixtures" / "mini_suite"), "--night", "2026-01-02",
         "--json", "probe.json", "--generator", f"anthropic:{MODEL}", *extra],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1200)


def _generator_calls(fake: FakeAnthropic) -> list[dict[str, Any]]:
    return [r.body for r in fake.log if r.path.startswith("/v1/messages")
            and "# Parent task" in json.dumps(r.body)]


@pytest.fixture()
def fake() -> Iterator[FakeAnthropic]:
    replies = iter([Reply(text="Sure! Here is a harder task: it checks None."),
                    Reply(text="```json\n" + json.dumps(PROPOSAL) + "\n```")])
    with FakeAnthropic(default=lambda body: next(replies, Reply(text="{}"))) as f:
        yield f


def test_generator_children_are_gated_attempted_and_kept_in_the_lineage(
        tmp_path: Path, fake: FakeAnthropic) -> None:
    run = _probe(tmp_path, fake, "--report", "probe.html")
    assert run.returncode == 1, run.stdout + run.stderr
    ex = json.loads((tmp_path / "probe.json").read_text())["exploration"]
    calls = _generator_calls(fake)
    assert calls, "the generator was asked on the failure"
    user = calls[0]["messages"][0]["content"]
    # the evidence of the real failure: its class and an excerpt of the failing answer
    assert "Failure classes:" in user and "Failing answer (excerpt)" in user
    assert calls[0]["model"] == MODEL
    llm = [e for e in ex["lineage"] if e["operator"] == "llm"]
    rejected = [e for e in llm if not e["accepted"]]
    accepted = [e for e in llm if e["accepted"]]
    assert rejected[0]["reason"].startswith("the reply is not one JSON object"), rejected
    assert accepted and accepted[0]["reason"] == "ok", llm
    child = accepted[0]["id"]
    assert ex["tasks"][child]["fails"] + ex["tasks"][child]["passes"] >= 1, ex["tasks"][child]
    assert ex["tasks"][child]["parent"] == accepted[0]["parent"]
    # a malformed reply falls back to the task mutators in the same request
    assert any(e["operator"] != "llm" for e in ex["lineage"]), ex["lineage"]
    share = ex["operators"]["llm"]
    assert share["proposed"] == len(llm) and share["accepted"] == len(accepted)
    assert "llm" in run.stdout and "passing the gate, per operator" in run.stdout
    # the lineage graph in the store keeps the malformed reply with its reason
    lineage = subprocess.run([CLI, "lineage", accepted[0]["parent"], "--db",
                              f"sqlite:///{tmp_path / 'p.db'}"],
                             capture_output=True, text=True, timeout=120)
    assert "not one JSON object" in lineage.stdout, lineage.stdout + lineage.stderr
    # the probe's HTML report, and the one rebuilt from the database, draw the lineage
    rebuilt = subprocess.run([CLI, "report", "--db", f"sqlite:///{tmp_path / 'p.db'}",
                              "--out", "rebuilt.html"], cwd=tmp_path, capture_output=True,
                             text=True, timeout=300)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    for page in ("probe.html", "rebuilt.html"):
        html = (tmp_path / page).read_text()
        assert "<h2 id=exploration>" in html and 'id="gate-share"' in html, page
        assert accepted[0]["name"] in html and "(LLM mutator)" in html, page


def test_unreachable_generator_is_infra_not_a_rejection(tmp_path: Path) -> None:
    with FakeAnthropic(default=Fault(500, "api_error")) as fake:
        run = _probe(tmp_path, fake)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    ex = json.loads((tmp_path / "probe.json").read_text())["exploration"]
    assert ex["fallbacks"].get("generator error", 0) >= 1, ex["fallbacks"]
    assert all(e["operator"] != "llm" for e in ex["lineage"]), ex["lineage"]
    assert len(_generator_calls(fake)) >= 2, "the SDK retried the 500s"


def test_the_assistant_under_test_is_not_its_own_generator(tmp_path: Path) -> None:
    with FakeAnthropic() as fake:
        env = {**os.environ, "ANTHROPIC_BASE_URL": fake.url, "ANTHROPIC_API_KEY": "sk-test"}
        run = subprocess.run(
            [CLI, "probe", "--weakness", "null-handling", "--budget", "1",
             "--assistant", f"anthropic:{MODEL}", "--generator", f"anthropic:{MODEL}",
             "--db", f"sqlite:///{tmp_path / 'p.db'}"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "is the assistant under test" in run.stderr and "--generator" in run.stderr
