class InvalidSession(ValueError):
    pass


def encode_session(data, key):
    raise NotImplementedError


def decode_session(cookie, key):
    raise NotImplementedError
