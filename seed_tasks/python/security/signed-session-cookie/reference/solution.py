import base64
import hashlib
import hmac
import json


class InvalidSession(ValueError):
    pass


def _sign(payload, key):
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def encode_session(data, key):
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    payload = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
    return f"{payload}.{_sign(payload, key)}"


def decode_session(cookie, key):
    payload, sep, signature = cookie.rpartition(".")
    if not sep:
        raise InvalidSession("missing signature")
    expected = _sign(payload, key)
    if not hmac.compare_digest(signature.encode("utf-8"), expected.encode("utf-8")):
        raise InvalidSession("bad signature")
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        data = json.loads(raw.decode("utf-8"))
    except ValueError as exc:
        raise InvalidSession("undecodable payload") from exc
    if not isinstance(data, dict):
        raise InvalidSession("payload is not an object")
    return data
