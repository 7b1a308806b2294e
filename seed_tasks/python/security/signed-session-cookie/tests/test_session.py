import base64
import hashlib
import hmac
import json

import pytest
from hypothesis import given, settings, strategies as st

from solution import InvalidSession, decode_session, encode_session

KEY = b"server-secret"


def sign(payload, key=KEY):
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def b64(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_format():
    cookie = encode_session({"user": 7, "a": [1]}, KEY)
    payload, sig = cookie.split(".")
    assert base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)) == b'{"a":[1],"user":7}'
    assert sig == sign(payload)
    assert decode_session(cookie, KEY) == {"user": 7, "a": [1]}


@pytest.mark.parametrize("cookie", [
    "", "nodot", ".", "abc.", b64(b'{"u":1}') + ".",
    b64(b'{"u":1}') + "." + sign(b64(b'{"u":2}')),
    b64(b'{"u":1}') + "." + sign(b64(b'{"u":1}'), b"other-key"),
    "!!!." + sign("!!!"),
    b64(b"not json") + "." + sign(b64(b"not json")),
    b64(b"\xff\xfe") + "." + sign(b64(b"\xff\xfe")),
    b64(b"[1, 2]") + "." + sign(b64(b"[1, 2]")),
    b64(b'"text"') + "." + sign(b64(b'"text"')),
    b64(b'{"u":1}') + ".\u00e9\u00e9",
])
def test_rejected(cookie):
    with pytest.raises(InvalidSession):
        decode_session(cookie, KEY)
    assert issubclass(InvalidSession, ValueError)


def test_pickle_payload_is_not_unpickled():
    import pickle
    payload = b64(pickle.dumps({"u": 1}))
    with pytest.raises(InvalidSession):
        decode_session(payload + "." + sign(payload), KEY)


json_dicts = st.dictionaries(st.text(max_size=4), st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3), max_leaves=5), max_size=4)


@settings(max_examples=100)
@given(json_dicts, st.binary(min_size=1, max_size=16), st.integers(0, 200))
def test_roundtrip_and_tamper(data, key, where):
    cookie = encode_session(data, key)
    assert decode_session(cookie, key) == data
    i = where % len(cookie)
    flipped = "A" if cookie[i] != "A" else "B"
    tampered = cookie[:i] + flipped + cookie[i + 1:]
    with pytest.raises(InvalidSession):
        decode_session(tampered, key)
