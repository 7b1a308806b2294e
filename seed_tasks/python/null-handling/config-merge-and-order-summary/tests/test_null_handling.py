import copy

from hypothesis import given, settings, strategies as st

from solution import deep_merge, get_setting, summarise_orders

MISSING = object()


# ------------------------------------------------------------------ helpers


def dict_ids(value, acc=None):
    acc = set() if acc is None else acc
    if isinstance(value, dict):
        acc.add(id(value))
        for inner in value.values():
            dict_ids(inner, acc)
    return acc


def model_merge(base, override):
    base = {} if base is None else base
    override = {} if override is None else override
    out = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = model_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def model_get(config, path, default):
    node = config
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node or node[part] is None:
            return default
        node = node[part]
    return node


def model_summary(orders):
    out = {"orders": 0, "total": 0, "missing_amount": 0, "items": 0, "by_customer": {}, "largest": None}
    best = MISSING
    for order in orders or []:
        if order is None:
            continue
        out["orders"] += 1
        customer = order["customer"] if order.get("customer") is not None else "unknown"
        amount = order.get("amount")
        if amount is None:
            out["missing_amount"] += 1
        discount = order.get("discount") or 0
        out["items"] += len(order.get("items") or [])
        net = (amount or 0) - discount
        out["total"] += net
        out["by_customer"][customer] = out["by_customer"].get(customer, 0) + net
        if amount is not None and (best is MISSING or amount > best):
            best = amount
            out["largest"] = customer
    return out


# ------------------------------------------------------------------ strategies

keys = st.sampled_from(["a", "b", "c", "d"])
leaves = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.sampled_from(["", "x", "yes"]),
    st.booleans(),
    st.lists(st.integers(0, 3), max_size=2),
)
configs = st.recursive(
    leaves,
    lambda children: st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)
config_dicts = st.dictionaries(keys, configs, max_size=4)
maybe_config = st.one_of(st.none(), config_dicts)
paths = st.lists(keys, min_size=1, max_size=3).map(".".join)

customers = st.sampled_from(["ann", "bob", "cid"])


order_dicts = st.fixed_dictionaries(
    {},
    optional={
        "customer": st.one_of(st.none(), customers),
        "amount": st.one_of(st.none(), st.integers(-50, 200)),
        "discount": st.one_of(st.none(), st.integers(0, 20)),
        "items": st.one_of(st.none(), st.lists(st.sampled_from(["pen", "ink"]), max_size=3)),
    },
)


def orders_strategy():
    # mostly real orders, sometimes a None entry
    return st.lists(st.one_of(order_dicts, order_dicts, order_dicts, st.none()), max_size=8)


# ------------------------------------------------------------------ deep_merge


def test_merge_examples():
    base = {"db": {"host": "localhost", "port": 5432, "opts": {"ssl": True}}, "debug": False, "name": None}
    override = {"db": {"port": None, "opts": {"ssl": None, "timeout": 3}}, "debug": None, "extra": None, "log": "info"}
    assert deep_merge(base, override) == {
        "db": {"host": "localhost", "port": 5432, "opts": {"ssl": True, "timeout": 3}},
        "debug": False,
        "name": None,
        "log": "info",
    }
    assert deep_merge(None, None) == {}
    assert deep_merge(None, {"a": 1, "b": None}) == {"a": 1}
    assert deep_merge({"a": {"x": 1}}, None) == {"a": {"x": 1}}
    assert deep_merge({"a": 1}, {"a": {"x": 1}}) == {"a": {"x": 1}}
    assert deep_merge({"a": {"x": 1}}, {"a": 0}) == {"a": 0}
    assert deep_merge({"a": None}, {"a": {"x": None}}) == {"a": {"x": None}}


def test_merge_does_not_modify_or_share():
    base = {"db": {"host": "h", "opts": {"ssl": True}}, "keep": {"k": 1}}
    override = {"db": {"opts": {"ssl": False}}, "new": {"n": {"deep": 1}}}
    base_before, override_before = copy.deepcopy(base), copy.deepcopy(override)
    merged = deep_merge(base, override)
    assert base == base_before and override == override_before
    merged["db"]["opts"]["ssl"] = "changed"
    merged["keep"]["k"] = "changed"
    merged["new"]["n"]["deep"] = "changed"
    assert base == base_before and override == override_before
    alone = deep_merge(base, None)
    alone["keep"]["k"] = "changed"
    assert base == base_before


@settings(max_examples=120, deadline=None, report_multiple_bugs=False)
@given(maybe_config, maybe_config)
def test_merge_matches_model(base, override):
    base_before, override_before = copy.deepcopy(base), copy.deepcopy(override)
    merged = deep_merge(base, override)
    assert merged == model_merge(base_before, override_before)
    assert base == base_before
    assert override == override_before
    assert not dict_ids(merged) & (dict_ids(base) | dict_ids(override))


@settings(max_examples=60, deadline=None, report_multiple_bugs=False)
@given(config_dicts)
def test_merge_identities(cfg):
    assert deep_merge(cfg, cfg) == cfg
    assert deep_merge(cfg, None) == cfg
    assert deep_merge(cfg, {}) == cfg
    assert deep_merge(None, cfg) == {k: v for k, v in cfg.items() if v is not None}


# ------------------------------------------------------------------ get_setting


def test_get_setting_examples():
    cfg = {"db": {"pool": {"size": 0, "name": None}, "host": "h", "flags": []}, "debug": False, "n": 3}
    assert get_setting(cfg, "db.pool.size", 10) == 0
    assert get_setting(cfg, "db.pool.name", "default") == "default"
    assert get_setting(cfg, "db.pool.missing", "default") == "default"
    assert get_setting(cfg, "db.host.port", 1) == 1
    assert get_setting(cfg, "db.flags", "x") == []
    assert get_setting(cfg, "debug", True) is False
    assert get_setting(cfg, "n.x.y", "d") == "d"
    assert get_setting(cfg, "nope.deeper", "d") == "d"
    assert get_setting(cfg, "db.pool") == {"size": 0, "name": None}
    assert get_setting(None, "db.host", "d") == "d"
    assert get_setting(None, "db.host") is None
    assert get_setting({"a": None}, "a.b", 5) == 5
    assert get_setting({"a": None}, "a", 5) == 5


@settings(max_examples=120, deadline=None, report_multiple_bugs=False)
@given(st.one_of(st.none(), config_dicts), paths)
def test_get_setting_matches_model(cfg, path):
    sentinel = object()
    before = copy.deepcopy(cfg)
    assert get_setting(cfg, path, sentinel) is model_get(cfg, path, sentinel) or get_setting(
        cfg, path, sentinel
    ) == model_get(cfg, path, sentinel)
    assert get_setting(cfg, path) == model_get(cfg, path, None)
    assert cfg == before


# ------------------------------------------------------------------ summarise_orders


def test_summary_examples():
    orders = [
        {"customer": "ann", "amount": 100, "discount": 10, "items": ["pen", "ink"]},
        None,
        {"customer": None, "amount": 40},
        {"amount": None, "customer": "bob", "items": None},
        {},
        {"customer": "bob", "amount": 100, "discount": None, "items": ["pen"]},
        {"customer": "cid", "amount": -30, "items": []},
    ]
    before = copy.deepcopy(orders)
    assert summarise_orders(orders) == {
        "orders": 6,
        "total": 90 + 40 + 0 + 0 + 100 - 30,
        "missing_amount": 2,
        "items": 3,
        "by_customer": {"ann": 90, "unknown": 40, "bob": 100, "cid": -30},
        "largest": "ann",
    }
    assert orders == before


def test_summary_empty_and_none():
    empty = {"orders": 0, "total": 0, "missing_amount": 0, "items": 0, "by_customer": {}, "largest": None}
    assert summarise_orders(None) == empty
    assert summarise_orders([]) == empty
    assert summarise_orders([None, None]) == empty
    assert summarise_orders([{"customer": "ann"}]) == {
        "orders": 1, "total": 0, "missing_amount": 1, "items": 0, "by_customer": {"ann": 0}, "largest": None,
    }


def test_summary_negative_amounts_only():
    got = summarise_orders([{"customer": "ann", "amount": -5}, {"customer": "bob", "amount": -2}])
    assert got["largest"] == "bob"
    assert got["total"] == -7
    got = summarise_orders([{"customer": "ann", "amount": 0}, {"customer": "bob", "amount": 0}])
    assert got["largest"] == "ann"
    assert got["missing_amount"] == 0
    assert got["by_customer"] == {"ann": 0, "bob": 0}


@settings(max_examples=120, deadline=None, report_multiple_bugs=False)
@given(st.one_of(st.none(), orders_strategy()))
def test_summary_matches_model(orders):
    before = copy.deepcopy(orders)
    assert summarise_orders(orders) == model_summary(orders)
    assert orders == before


@settings(max_examples=60, deadline=None, report_multiple_bugs=False)
@given(orders_strategy(), orders_strategy())
def test_summary_is_additive(first, second):
    a, b, both = summarise_orders(first), summarise_orders(second), summarise_orders(first + second)
    for key in ("orders", "total", "missing_amount", "items"):
        assert both[key] == a[key] + b[key]
    for customer in set(a["by_customer"]) | set(b["by_customer"]):
        assert both["by_customer"][customer] == a["by_customer"].get(customer, 0) + b["by_customer"].get(customer, 0)
