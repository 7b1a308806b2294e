def violations(name):
    raise NotImplementedError
