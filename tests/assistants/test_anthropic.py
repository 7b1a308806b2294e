"""anthropic:<model> against the fake Messages API on loopback, over real sockets.

Replies are tested with the real bubblewrap sandbox; faults (429 with
retry-after, 529, 500, a dropped connection) are retried, and when they
persist the attempt is an infra error that the campaign excludes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import anthropic
import pytest

from agent.graph import run_campaign
from agent.state import Deps
from assistants.anthropic_api import AnthropicAssistant, make_anthropic
from assistants.anthropic_prices import price_of
from assistants.pricing import COST_CAP_REACHED, Budget
from codecanary.store import Store
from codecanary.types import Task
from sandbox.bwrap import BwrapSandbox
from sandbox.runners import run_tests
from tests.fakes.anthropic_server import (
    Drop,
    FakeAnthropic,
    Fault,
    Reply,
    overloaded,
    rate_limited,
    server_error,
)

MODEL = "claude-sonnet-4-6"


@pytest.fixture()
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as f:
        yield f


class Sleeps(list[float]):
    """Records the waits of the retry loop (and really waits, briefly)."""

    def __call__(self, s: float) -> None:
        self.append(s)


def make(fake: FakeAnthropic, **kw: object) -> tuple[AnthropicAssistant, Sleeps]:
    sleeps = Sleeps()
    client = anthropic.Anthropic(base_url=fake.url, api_key="sk-test", max_retries=0)
    a = AnthropicAssistant(MODEL, client, backoff_s=0.01, sleep=sleeps, **kw)  # type: ignore[arg-type]
    return a, sleeps


def answer(task: Task) -> str:
    code = task.reference[task.entry_point]
    return f"Here is the fix.\n\n### {task.entry_point}\n```python\n{code}```\nIt checks None."


def messages_posts(fake: FakeAnthropic) -> int:
    return sum(1 for p in fake.paths() if p == "POST /v1/messages")


def test_reply_becomes_attempt_with_exact_version_cache_tokens_and_cost(
        fake: FakeAnthropic, py_task: Task, sandbox: BwrapSandbox) -> None:
    fake.enqueue(Reply(text=answer(py_task), model="claude-sonnet-4-6-20260217",
                       input_tokens=300, output_tokens=200, cache_read=1000))
    a, _ = make(fake)
    att = a.attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is None
    assert att.version == "claude-sonnet-4-6-20260217" == a.version
    assert att.assistant == "anthropic:claude-sonnet-4-6"
    assert att.prompt_tokens == 1300 and att.completion_tokens == 200
    assert att.meta["cache_read_tokens"] == "1000" and att.meta["request_id"].startswith("req_")
    assert att.cost_usd == pytest.approx((300 * 3 + 200 * 15 + 1000 * 0.3) / 1e6)
    assert att.files[py_task.entry_point] == py_task.reference[py_task.entry_point]
    req = fake.log[-1]
    assert "sk-test" in req.headers.get("x-api-key", req.headers.get("authorization", ""))
    assert req.headers["anthropic-version"]
    assert req.body["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert req.body["model"] == MODEL and "temperature" not in req.body
    assert run_tests(sandbox, py_task, att.files).passed


def test_fault_replies_are_retried_over_real_sockets(fake: FakeAnthropic, py_task: Task,
                                                     sandbox: BwrapSandbox) -> None:
    fake.enqueue(rate_limited(0.2), overloaded(), server_error(), Drop(),
                 Reply(text=answer(py_task)))
    a, sleeps = make(fake)
    att = a.attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is None and att.meta["retries"] == "4"
    assert messages_posts(fake) == 5
    assert sleeps[0] == pytest.approx(0.2)  # retry-after honoured
    assert all(s < 0.2 for s in sleeps[1:])  # then exponential backoff from 10 ms
    assert run_tests(sandbox, py_task, att.files).passed


def test_empty_reply_is_retried(fake: FakeAnthropic, py_task: Task) -> None:
    fake.enqueue(Reply(text=""), Reply(text=answer(py_task)))
    a, _ = make(fake)
    att = a.attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is None and att.meta["retries"] == "1"


@pytest.mark.parametrize(("faults", "needle", "posts"), [
    ([overloaded()] * 3, "HTTP 529 overloaded_error after 2 retries", 3),
    ([Drop()] * 3, "connection error", 3),
    ([rate_limited(3600)], "asks to wait 3600s", 1),
    ([Fault(400, "invalid_request_error")], "HTTP 400 invalid_request_error", 1),
    ([Fault(401, "authentication_error")], "HTTP 401", 1),
])
def test_persistent_faults_become_infra_errors(fake: FakeAnthropic, py_task: Task,
                                               faults: list[Fault | Drop], needle: str,
                                               posts: int) -> None:
    fake.enqueue(*faults)
    a, _ = make(fake, retries=2, max_wait_s=10.0)
    att = a.attempt(py_task, 0, "2026-01-01")
    assert att.infra_error is not None and needle in att.infra_error
    assert att.files == {} and messages_posts(fake) == posts


def test_infra_errors_are_never_counted_as_failures(fake: FakeAnthropic, py_task: Task,
                                                    sandbox: BwrapSandbox,
                                                    tmp_path: Path) -> None:
    """A campaign: one sample answered after faults, one lost to a persistent 529."""
    fake.enqueue(overloaded(), Drop(), Reply(text=answer(py_task)),
                 overloaded(), overloaded(), overloaded())
    a, _ = make(fake, retries=2)
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    store.save_tasks([py_task])
    cid = store.start_campaign("nightly", "2026-01-01", a.id, a.version, {})
    deps = Deps(store=store, sandbox=sandbox, assistant=a, tasks={py_task.id: py_task},
                night="2026-01-01", batch_size=1)
    summary = run_campaign(deps, cid, samples=2)
    rows = {r["sample"]: r for r in store.results(cid)}
    assert rows[0]["passed"] and not rows[0]["infra_error"]
    assert rows[1]["infra_error"] and "529" in rows[1]["infra_error"]
    assert summary["infra_errors"] == 1 and summary["attempts"] == 2
    assert summary["overall"]["n"] == 1 and summary["overall"]["rate"] == 1.0


def test_cost_cap_stops_asking(fake: FakeAnthropic, py_task: Task) -> None:
    a, _ = make(fake, max_tokens=1000)
    _, prompt = a.request(py_task)
    worst = a.worst_case(prompt)
    price = price_of(MODEL)
    assert price is not None
    out = int(0.6 * worst * 1e6 / price.output)  # each reply costs ~0.6 of the worst case
    fake.default = Reply(text=answer(py_task), input_tokens=10, output_tokens=out)
    budget = Budget(2.0 * worst)
    a.use_budget(budget)
    atts = [a.attempt(py_task, s, "2026-01-01") for s in range(4)]
    assert [x.infra_error for x in atts] == [None, None, COST_CAP_REACHED, COST_CAP_REACHED]
    assert messages_posts(fake) == 2
    assert 0 < budget.spent_usd <= budget.cap_usd
    assert budget.spent_usd == pytest.approx(atts[0].cost_usd + atts[1].cost_usd)


def test_cost_cap_refuses_a_model_without_price(fake: FakeAnthropic) -> None:
    client = anthropic.Anthropic(base_url=fake.url, api_key="k", max_retries=0)
    with pytest.raises(ValueError, match="no price is known"):
        AnthropicAssistant("mystery-model", client, budget=Budget(1.0))


def test_factory_reads_base_url_and_key_from_environment(
        fake: FakeAnthropic, py_task: Task, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-env")
    fake.enqueue(Reply(text=answer(py_task)))
    a = make_anthropic("claude-haiku-4-5")
    att = a.attempt(py_task, 0, "2026-01-01")
    assert att.version == "claude-haiku-4-5-20260101"
    headers = fake.log[-1].headers
    assert "sk-env" in headers.get("x-api-key", headers.get("authorization", ""))
    with pytest.raises(ValueError, match="needs a model"):
        make_anthropic(None)
